import { render } from 'preact';
import { Analyzer } from '../../src/ui/Analyzer';
import '../../src/ui/hopscope.css';

render(<Analyzer search={location.search} />, document.getElementById('app')!);
