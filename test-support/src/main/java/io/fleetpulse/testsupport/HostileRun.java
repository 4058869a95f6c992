package io.fleetpulse.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Sends hostile requests to a service, {@code inFlight} at a time, and keeps score: answers by kind and status, and
 * every answer the check refuses (with its request) for the failure message.
 */
public final class HostileRun implements AutoCloseable {

    private final URI base;
    private final HttpLoad load;
    private final BiFunction<HostileRequest, HttpLoad.Answer, String> check;
    private final StatusTally tally = new StatusTally();
    private final List<String> wrong = new ArrayList<>();
    private final long started = System.nanoTime();

    /** @param check null when an answer is allowed, else what is wrong with it */
    public HostileRun(URI base, int inFlight, BiFunction<HostileRequest, HttpLoad.Answer, String> check) {
        this.base = base;
        this.load = new HttpLoad(inFlight);
        this.check = check;
    }

    public void send(List<HostileRequest> requests) {
        List<HttpLoad.Answer> answers = load.send(requests.stream().map(request -> request.toRequest(base)).collect(Collectors.toList()));
        for (int i = 0; i < requests.size(); i++) {
            HostileRequest request = requests.get(i);
            HttpLoad.Answer answer = answers.get(i);
            tally.add(request.kind(), answer.status());
            String problem = answer.answered() ? check.apply(request, answer) : "no HTTP answer";
            if (problem != null) {
                wrong.add(problem + "\n    request: " + request.excerpt() + "\n    answer: " + answer.status() + " " + answer.mediaType() + " "
                        + abbreviate(answer.failure() != null ? answer.failure().toString() : answer.text()));
            }
        }
    }

    public StatusTally tally() {
        return tally;
    }

    /** The answers the check refused, at most {@code n} of them. */
    public List<String> wrong(int n) {
        return wrong.subList(0, Math.min(n, wrong.size()));
    }

    public int wrongCount() {
        return wrong.size();
    }

    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public void close() {
        load.close();
    }

    private static String abbreviate(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "...";
    }
}
