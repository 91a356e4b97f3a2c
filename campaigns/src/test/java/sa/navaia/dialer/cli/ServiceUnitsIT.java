package sa.navaia.dialer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ops/deploy/verify-units.sh}: systemd accepts the worker's and the receiver's units without a complaint. */
class ServiceUnitsIT {

    private static final Path DEPLOY = Path.of("..", "ops", "deploy");

    @Test
    void systemdAnalyzeVerifiesBothUnits() throws Exception {
        Process verify = new ProcessBuilder("bash", DEPLOY.resolve("verify-units.sh").toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).contains("2 units, no complaints");
    }

    @Test
    void theUnitsRestartOnFailureAsTheirOwnUserWithTheEnvironmentFile() throws Exception {
        for (String unit : new String[] {"dialer-worker.service", "dialer-receiver.service"}) {
            assertThat(Files.readString(DEPLOY.resolve("systemd").resolve(unit))).as(unit)
                    .contains("\nRestart=on-failure\n").contains("\nUser=dialer\n")
                    .contains("\nEnvironmentFile=/etc/dialer/dialer.env\n").contains("\nExecStart=/opt/dialer/bin/dialer ");
        }
    }
}
