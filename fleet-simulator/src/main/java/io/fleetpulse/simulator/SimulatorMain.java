package io.fleetpulse.simulator;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.fleetpulse.simulator.check.HttpJson;
import io.fleetpulse.simulator.config.SimulatorOptions;
import io.fleetpulse.simulator.report.Summary;

/**
 * {@code java -jar fleet-simulator.jar [options]}: exit 0 when the system matched the ledger, 1 on a mismatch,
 * 2 on bad options or an unreachable service. {@code --progress tty|lines} forces how progress is shown (a
 * launcher script that runs the simulator in the background knows better than the JVM whether it is on a terminal).
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        List<String> rest = new ArrayList<>();
        Boolean terminal = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--progress") && i + 1 < args.length) {
                terminal = args[++i].equals("tty");
            } else {
                rest.add(args[i]);
            }
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(rest.toArray(String[]::new));
        } catch (SimulatorOptions.UsageException e) {
            if (e.getMessage() == null) {
                out.print(SimulatorOptions.USAGE);
                System.exit(0);
            }
            System.err.println("error: " + e.getMessage());
            System.err.print(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            Simulation.Outcome outcome = Simulation.run(options, out, terminal != null ? terminal : System.console() != null);
            new Summary(out).print(outcome);
            System.exit(outcome.ok() ? 0 : 1);
        } catch (Simulation.Unreachable unreachable) {
            System.err.println("error: " + unreachable.getMessage());
            System.exit(2);
        } catch (HttpJson.UnexpectedReply unexpected) {
            System.err.println("error: a check could not complete: " + unexpected.getMessage());
            System.exit(1);
        } catch (InterruptedException interrupted) {
            System.err.println("interrupted");
            System.exit(130);
        }
    }
}
