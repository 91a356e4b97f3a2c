package sa.navaia.dialer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", description = "Print the dialer's version.")
final class VersionCommand implements Callable<Integer>, CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = DialerCli.class.getPackage().getImplementationVersion();
        return new String[] {"dialer " + (version == null ? "development build" : version)
                + " (Java " + Runtime.version() + ")"};
    }

    @Override
    public Integer call() {
        System.out.println(getVersion()[0]);
        return 0;
    }
}
