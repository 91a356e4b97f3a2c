package sa.navaia.dialer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A setting the README or ops/.env.example does not name is a setting nobody can find. */
class SettingsDocumentationTest {

    private static final Path ROOT = Path.of("..");

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsInTheReadmeTableAndTheEnvExample(Setting setting) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String example = Files.readString(ROOT.resolve("ops/.env.example"));

        assertThat(readme).as("README.md settings table").contains("| `" + setting.name() + "` |");
        assertThat(example).as("ops/.env.example").contains(setting.name() + "=");
    }
}
