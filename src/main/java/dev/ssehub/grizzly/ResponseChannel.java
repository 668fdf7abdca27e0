package dev.ssehub.grizzly;

import dev.ssehub.protocol.Refusal;
import dev.ssehub.stream.StreamChannel;

/** The answer to a subscription taken from Grizzly: the event stream, or the refusal the hub decided instead. */
interface ResponseChannel extends StreamChannel {

    /** Answers with the hub's refusal instead of a stream; nothing else was sent. */
    void refuse(Refusal refusal);
}
