package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %maven}'s resolver against a repository folder served as a remote ({@code file:}), so that nothing here
 * needs the network: transitive runtime dependencies, test scope left out, offline reuse of the local repository,
 * and clear errors.
 */
class MavenResolverTest {
    @Test
    void resolvesTransitiveRuntimeDependenciesIntoTheLocalRepositoryAndThenWorksOffline(@TempDir Path dir) throws Exception {
        Path remote = dir.resolve("remote");
        Path api = TestJars.jarWithGreeter(dir, "api.jar", "Api", "api");
        Path impl = TestJars.jarWithGreeter(dir, "impl.jar", "Impl", "impl");
        TestJars.publish(remote, "org.example", "greeter-api", "1.0", api, List.of());
        TestJars.publish(remote, "org.example", "greeter", "2.0", impl,
                List.of("org.example:greeter-api:1.0", "org.example:never-published:9.9:test"));
        Path local = dir.resolve("local");

        List<Path> jars = new MavenResolver(local, remote.toUri().toString(), false).resolve(List.of("org.example:greeter:2.0"));
        assertEquals(List.of(local.resolve("org/example/greeter/2.0/greeter-2.0.jar"),
                local.resolve("org/example/greeter-api/1.0/greeter-api-1.0.jar")), jars,
                "the artifact, then its runtime dependency, downloaded into the local repository; the test one left out");

        // the remote is gone: what the local repository holds still resolves, with no remote at all
        Path goneRemote = dir.resolve("nowhere");
        assertEquals(jars, new MavenResolver(local, goneRemote.toUri().toString(), false).resolve(List.of("org.example:greeter:2.0")));
        assertEquals(jars, new MavenResolver(local, goneRemote.toUri().toString(), true).resolve(List.of("org.example:greeter:2.0")));
    }

    @Test
    void anArtifactThatDoesNotExistIsAClearError(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("remote"));
        MavenResolver online = new MavenResolver(dir.resolve("local"), dir.resolve("remote").toUri().toString(), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> online.resolve(List.of("org.example:nope:1.0")));
        assertTrue(e.getMessage().startsWith("%maven org.example:nope:1.0: cannot resolve: "), e.getMessage());
        assertTrue(e.getMessage().contains("org.example:nope:jar:1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("nor in " + dir.resolve("remote").toUri()), e.getMessage());

        MavenResolver offline = new MavenResolver(dir.resolve("local"), MavenResolver.CENTRAL, true);
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class, () -> offline.resolve(List.of("org.example:nope:1.0")));
        assertTrue(off.getMessage().contains("(offline: -Dholdout.maven.offline=true)"), off.getMessage());
    }

    @Test
    void malformedCoordinatesSayWhatIsExpected() {
        MavenResolver r = new MavenResolver(Path.of("unused"), MavenResolver.CENTRAL, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.resolve(List.of("commons-math3")));
        assertEquals("coordinates=commons-math3 are not group:artifact:version (or group:artifact:extension[:classifier]"
                + ":version); e.g. org.apache.commons:commons-math3:3.6.1", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.resolve(List.of("a::1"))).getMessage()
                .startsWith("coordinates=a::1 are not"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.resolve(List.of())).getMessage()
                .startsWith("%maven needs coordinates"));
    }
}
