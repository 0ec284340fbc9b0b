package io.ridematch.app;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar ridematch.jar <command>}; {@code simulate} when no command is named. */
@Command(name = "ridematch", mixinStandardHelpOptions = true, version = "ridematch 0.1.0",
        description = "Ride-matching platform and city simulator on Vert.x and Kafka.",
        subcommands = {SimulateCommand.class, PlatformCommand.class, SimulatorCommand.class,
            ReplayCommand.class, AuditCommand.class, BrokerCommand.class, CompareCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            System.err.println(failed.getCommandName() + ": " + e.getMessage()
                    + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof UsageException) {
                return usageError(e.getMessage());
            }
            throw e;
        });
        return cli.execute(withDefaultCommand(args));
    }

    /** A one-line error for a wrong flag or scenario; exit code 2. */
    static int usageError(String message) {
        System.err.println("ridematch: " + message);
        return USAGE;
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
