import { render } from 'preact';
import './app.css';
import './controls.css';
import { App } from './views/App';

render(<App />, document.getElementById('app')!);
