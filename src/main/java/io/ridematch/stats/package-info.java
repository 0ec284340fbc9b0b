/** Statistics over replications: means with confidence intervals, paired differences. Plain Java. */
package io.ridematch.stats;
