/**
 * Charts the program draws itself, PNG or SVG: lines over a simulated day, stacked in panels that share the time
 * axis, with intervals shaded. Knows nothing of ridematch but the numbers it is given.
 */
package io.ridematch.plot;
