import { render } from 'preact';
import { Popup } from '../../src/ui/Popup';
import '../../src/ui/hopscope.css';

performance.mark('hopscope:popup-start');
render(<Popup search={location.search} />, document.getElementById('app')!);
