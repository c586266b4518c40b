import { render } from 'preact';
import { Popup } from '../../src/ui/Popup';
import '../../src/ui/hopscope.css';

render(<Popup />, document.getElementById('app')!);
