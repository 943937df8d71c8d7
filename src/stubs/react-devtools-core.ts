// Ink imports react-devtools-core only when DEV=true; the compiled binary never connects a devtools server.
export default { initialize() {}, connectToDevTools() {} };
