/**
 * The verdict rule of every report, for hosts that take findings out of a report after the review (the CLI's
 * baseline): the decision's own rule and wording. A module of its own so that the CLI can load it without
 * the rest of the API. `driverLabel` says what a risk driver is and `riskDrivers` which ones explain a verdict, as the CLI,
 * the editor and the review page show them.
 */
export { decideVerdict, driverLabel, riskDrivers } from '../decision/decide.js';
