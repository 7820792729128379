// Prints each text frame of a WebSocket (exomock's /api/events) on its own line,
// until killed; for the Python end-to-end tests, which read the lines.
import WebSocket from "ws";

const ws = new WebSocket(process.argv[2]);
ws.on("message", (data) => process.stdout.write(data.toString() + "\n"));
ws.on("error", (error) => {
  console.error(error.message);
  process.exit(1);
});
