package io.fleetpulse.simulator;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.ProcessingException;

import io.fleetpulse.client.problem.FleetpulseProblemException;
import io.fleetpulse.simulator.config.SimulatorCommand;
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
        SimulatorCommand command;
        SimulatorOptions options;
        try {
            command = SimulatorCommand.parse(args);
            options = command.options(System.getenv());
        } catch (SimulatorOptions.UsageException e) {
            if (e.getMessage() == null) {
                out.print(SimulatorCommand.usage());
                System.exit(0);
            }
            System.err.println("error: " + e.getMessage());
            System.err.print(SimulatorCommand.usage());
            System.exit(2);
            return;
        }
        boolean terminal = command.terminal().orElse(System.console() != null);
        try {
            Simulation.Outcome outcome = Simulation.run(options, out, terminal);
            new Summary(out).print(outcome);
            System.exit(outcome.ok() ? 0 : 1);
        } catch (Simulation.Unreachable unreachable) {
            System.err.println("error: " + unreachable.getMessage());
            System.exit(2);
        } catch (FleetpulseProblemException | ProcessingException unexpected) {
            System.err.println("error: a check could not complete: " + unexpected.getMessage());
            System.exit(1);
        } catch (InterruptedException interrupted) {
            System.err.println("interrupted");
            System.exit(130);
        }
    }
}
