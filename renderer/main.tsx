import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { signIn } from './api';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// Browser mode needs its credentials before the first call; without them the app shows why it cannot connect.
void signIn().then(render, render);
