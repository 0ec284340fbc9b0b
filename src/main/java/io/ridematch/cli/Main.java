package io.ridematch.cli;

import io.ridematch.city.HeapGuard;
import io.ridematch.city.Interrupts;
import io.ridematch.city.ScenarioFile.InvalidScenario;
import io.ridematch.city.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar ridematch.jar <command>}; {@code simulate} when no command is named. Every failure reaches the
 * user as one line: exit code 2 for what was typed (a flag, a value, a scenario file), 1 for what is around the
 * program (a port in use, no broker, a wait that ran out); a stack trace only with {@code --verbose}.
 */
@Command(name = "ridematch", mixinStandardHelpOptions = true, version = "ridematch 0.1.0",
        description = "Ride-matching platform and city simulator on Vert.x and Kafka.",
        footer = {"", "Exit codes: 0 done, 1 a problem around the program (port in use, no Kafka, a wait that ran "
                + "out), 2 a wrong flag, value or scenario file, 130/143 stopped by Ctrl-C/SIGTERM (after the summary "
                + "and report).", "--verbose (or RIDEMATCH_VERBOSE=true), anywhere on the line, adds the stack trace "
                + "to an error."},
        subcommands = {SimulateCommand.class, PlatformCommand.class, SimulatorCommand.class,
            ReplayCommand.class, AuditCommand.class, BrokerCommand.class, CompareCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    static final int ENVIRONMENT = 1;
    static final int USAGE = 2;
    private static final String VERBOSE = "--verbose";

    public static void main(String[] args) {
        Interrupts.install();
        HeapGuard.install();
        int code = execute(args);
        System.out.flush();
        System.exit(Interrupts.requested() ? Interrupts.exitCode() : code);
    }

    public static int execute(String... args) {
        boolean verbose = List.of(args).contains(VERBOSE)
                || "true".equalsIgnoreCase(System.getenv("RIDEMATCH_VERBOSE"));
        String[] line = List.of(args).stream().filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            if (e instanceof UnmatchedArgumentException && failed.getCommandSpec().userObject() instanceof Main) {
                System.err.println("ridematch: unknown command '" + arguments[0] + "' (commands: "
                        + String.join(", ", failed.getSubcommands().keySet()) + "; see 'ridematch --help')");
                return USAGE;
            }
            System.err.println(failed.getCommandName() + ": " + e.getMessage()
                    + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            boolean usage = e instanceof UsageException || e instanceof InvalidScenario;
            String message = e.getMessage() == null || e.getMessage().isBlank()
                    ? "unexpected " + e.getClass().getSimpleName() + " (--verbose shows where)" : e.getMessage();
            PrintStream err = System.err;
            err.println("ridematch: " + message.lines().findFirst().orElse(message));
            if (verbose) {
                e.printStackTrace(err);
            }
            return usage ? USAGE : ENVIRONMENT;
        });
        return cli.execute(withDefaultCommand(line));
    }

    private static String[] withDefaultCommand(String[] args) {
        boolean namesCommand = args.length > 0 && !args[0].startsWith("-");
        boolean topLevelFlag = args.length > 0 && List.of("-h", "--help", "-V", "--version").contains(args[0]);
        if (namesCommand || topLevelFlag) {
            return args;
        }
        List<String> withSimulate = new ArrayList<>(List.of("simulate"));
        withSimulate.addAll(List.of(args));
        return withSimulate.toArray(String[]::new);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
