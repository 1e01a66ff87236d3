package dev.holdout.notebooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves Maven coordinates with their runtime dependencies, as Maven does (Apache Maven Resolver, Maven 3's
 * rules: nearest version wins, test/provided/optional dependencies left out): from the local repository first, with
 * no network at all when everything is there, else from the remote repository (Maven Central), downloading into the
 * local repository. What {@code %maven} uses.
 *
 * <p>Settings, read once: the local repository is {@code -Dmaven.repo.local=DIR} (Maven's own property), else
 * {@code ~/.m2/repository}; {@code -Dholdout.maven.remote=URL} replaces Maven Central (a company mirror, or a
 * {@code file:} folder); {@code -Dholdout.maven.offline=true} never uses the network. {@code ~/.m2/settings.xml}
 * (mirrors, proxies) is not read.
 *
 * <pre>{@code
 * List<Path> jars = MavenResolver.fromSystemProperties().resolve(List.of("org.apache.commons:commons-math3:3.6.1"));
 * // [/root/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar]
 * }</pre>
 */
final class MavenResolver {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final Path localRepository;
    private final RemoteRepository remote;
    private final boolean offline;
    private RepositorySystem system;

    MavenResolver(Path localRepository, String remoteUrl, boolean offline) {
        this.localRepository = localRepository.toAbsolutePath().normalize();
        // id "central", as Maven names it: the local repository records which repository each file came from
        this.remote = new RemoteRepository.Builder("central", "default", remoteUrl)
                .setPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_WARN))
                .build();
        this.offline = offline;
    }

    static MavenResolver fromSystemProperties() {
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null && !local.isBlank() ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new MavenResolver(repo, System.getProperty("holdout.maven.remote", CENTRAL),
                Boolean.getBoolean("holdout.maven.offline"));
    }

    Path localRepository() {
        return localRepository;
    }

    String remoteUrl() {
        return remote.getUrl();
    }

    /**
     * The jars of {@code coordinates} ({@code group:artifact[:extension[:classifier]]:version}) and of their runtime
     * dependencies, in resolution order, without duplicates.
     *
     * @throws IllegalArgumentException for malformed coordinates, or an artifact that cannot be found (the message
     *                                  names it and where it was looked for)
     */
    List<Path> resolve(List<String> coordinates) {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs coordinates: %maven group:artifact:version [more ...], "
                    + "e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        List<Dependency> roots = new ArrayList<>();
        for (String c : coordinates) roots.add(new Dependency(artifact(c), "runtime"));
        try {
            return resolve(roots, true);
        } catch (DependencyResolutionException offlineMiss) {
            if (offline) throw notFound(coordinates, offlineMiss, true);
            try {
                return resolve(roots, false);
            } catch (DependencyResolutionException e) {
                throw notFound(coordinates, e, false);
            }
        }
    }

    static Artifact artifact(String coordinates) {
        String[] parts = coordinates.split(":", -1);
        boolean blank = false;
        for (String p : parts) blank |= p.isBlank();
        if (parts.length < 3 || parts.length > 5 || blank) {
            throw new IllegalArgumentException("coordinates=" + coordinates + " are not group:artifact:version "
                    + "(or group:artifact:extension[:classifier]:version); e.g. org.apache.commons:commons-math3:3.6.1");
        }
        return new DefaultArtifact(coordinates);
    }

    private List<Path> resolve(List<Dependency> roots, boolean localOnly) throws DependencyResolutionException {
        RepositorySystem repositorySystem = system();
        try (RepositorySystemSession.CloseableSession session = new SessionBuilderSupplier(repositorySystem).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setSystemProperties(System.getProperties())
                .setOffline(localOnly)
                .build()) {
            CollectRequest collect = new CollectRequest(roots, List.of(), List.of(remote));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter("runtime"));
            DependencyResult result = repositorySystem.resolveDependencies(session, request);
            Set<Path> jars = new LinkedHashSet<>();
            for (ArtifactResult r : result.getArtifactResults()) {
                if (r.getArtifact() != null && r.getArtifact().getPath() != null) jars.add(r.getArtifact().getPath());
            }
            return List.copyOf(jars);
        }
    }

    private synchronized RepositorySystem system() {
        if (system == null) system = new RepositorySystemSupplier().get();
        return system;
    }

    private IllegalArgumentException notFound(List<String> coordinates, Exception e, boolean offlineOnly) {
        String where = "the local repository " + localRepository
                + (offlineOnly ? " (offline: -Dholdout.maven.offline=true)" : " nor in " + remote.getUrl());
        return new IllegalArgumentException("%maven " + String.join(" ", coordinates) + ": cannot resolve: "
                + rootMessage(e) + "; not in " + where + ". Check group:artifact:version (each part, and that the "
                + "version exists)", e);
    }

    /** The innermost distinct message: Maven Resolver wraps the reason in several layers. */
    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) message = t.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
