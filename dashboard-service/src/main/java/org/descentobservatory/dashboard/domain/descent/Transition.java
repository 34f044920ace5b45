package org.descentobservatory.dashboard.domain.descent;

/**
 * A change of phase between order and chaos, possibly through an edge window.
 *
 * @param epoch the first analysed epoch that left the old phase (the first edge epoch when it passed through edge)
 * @param from  {@code order} or {@code chaos}
 * @param to    the other one
 */
public record Transition(int epoch, String from, String to) {

    public static final String ORDER_TO_CHAOS = "order->chaos";
    public static final String CHAOS_TO_ORDER = "chaos->order";

    /** {@link #ORDER_TO_CHAOS} or {@link #CHAOS_TO_ORDER}. */
    public String kind() {
        return from + "->" + to;
    }
}
