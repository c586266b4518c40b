import { render } from 'preact';
import { Options } from '../../src/ui/Options';
import '../../src/ui/hopscope.css';
import '../../src/ui/options.css';

render(<Options />, document.getElementById('app')!);
