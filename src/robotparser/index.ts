/** httpkit/robotparser — Python's urllib.robotparser. */
export { RobotFileParser } from './robotparser.js';
export type { RequestRate } from './robotparser.js';
