package io.ridematch.city;

import io.ridematch.metrics.RideTimeline.Minute;
import io.ridematch.platform.core.payment.PaymentFaults.Outage;
import java.time.LocalTime;
import java.util.List;

/**
 * What a payment outage did to a run, read off its minute-by-minute timeline: the rides that went through the
 * outage's minutes, the backlog of completed rides not paid yet (nor failed at payment), and how long after the
 * outage ended that backlog took to fall back to what it was before.
 *
 * @param recoveryMinutes minutes after the outage's end until the backlog was back (0: it was at once); -1 if it
 *                        never came back within the run
 */
public record OutageReview(String from, String to, long requested, long assigned, long completed, long paid,
                           long paymentFailed, long cancelled, long backlogBefore, long backlogPeak,
                           long recoveryMinutes) {

    /** Null when the run's timeline does not cover the outage's start. */
    public static OutageReview of(List<Minute> timeline, Outage outage) {
        LocalTime start = outage.start();
        LocalTime end = start.plus(outage.length());
        int first = indexOf(timeline, start);
        if (first < 0) {
            return null;
        }
        long backlog = 0;
        long before = 0;
        long peak = 0;
        long requested = 0, assigned = 0, completed = 0, paid = 0, failed = 0, cancelled = 0;
        long recovery = -1;
        int endIndex = first + (int) outage.length().toMinutes();
        for (int i = 0; i < timeline.size(); i++) {
            Minute m = timeline.get(i);
            if (i == first) {
                before = backlog;
            }
            backlog += m.completed() - m.paid() - m.paymentFailed();
            if (i >= first && i < endIndex) {
                requested += m.requested();
                assigned += m.assigned();
                completed += m.completed();
                paid += m.paid();
                failed += m.paymentFailed();
                cancelled += m.cancelled();
            }
            if (i >= first && recovery < 0) {
                peak = Math.max(peak, backlog);
            }
            if (i >= endIndex - 1 && recovery < 0 && backlog <= before) {
                recovery = i - (endIndex - 1);
            }
        }
        return new OutageReview(start.toString(), end.toString(), requested, assigned, completed, paid, failed,
                cancelled, before, peak, recovery);
    }

    private static int indexOf(List<Minute> timeline, LocalTime at) {
        for (int i = 0; i < timeline.size(); i++) {
            if (LocalTime.parse(timeline.get(i).at()).equals(at.withSecond(0).withNano(0))) {
                return i;
            }
        }
        return -1;
    }
}
