import { createDemoServer, loadClientScript } from './demo-server.js';

const port = Number(process.env.PORT ?? 3000);
const server = createDemoServer({ clientScript: await loadClientScript() });
server.listen(port, '127.0.0.1', () => {
  console.log(`Invoice demo on http://127.0.0.1:${port}/ (Secure cookies work on 127.0.0.1)`);
});
