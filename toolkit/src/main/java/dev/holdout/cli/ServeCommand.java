package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.serve.DataCapture;
import dev.holdout.serve.Endpoint;
import dev.holdout.serve.HttpEndpoint;
import dev.holdout.serve.ModelHost;
import dev.holdout.train.ModelReference;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout serve}: a local SageMaker real-time endpoint with the inference container's contract
 * ({@code GET /ping}, {@code POST /invocations}), multi-model hosting and data capture. Runs until SIGTERM or
 * Ctrl-C, then stops accepting, lets the requests in flight finish (bounded), closes the capture files and exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Real-time endpoint: GET /ping, POST /invocations (text/csv or application/json), multi-model hosting, data capture.",
                "Runs until SIGTERM or Ctrl-C; then finishes the requests in flight and exits 0."},
        footer = {"", "Requests:",
                "  curl -s localhost:8080/invocations -H 'Content-Type: text/csv' --data-binary $'5.6,-3.2,1.2\\n'",
                "      rows in the model's input column order, no header (?header=true: a header row); answers the prediction fields as CSV",
                "  curl -s localhost:8080/invocations -H 'Content-Type: application/json' -d '{\"instances\": [[5.6, -3.2, 1.2]]}'",
                "      also {\"dataframe_split\": {\"columns\": [...], \"data\": [[...]]}} and {\"dataframe_records\": [{...}]}; answers {\"predictions\": [...]}",
                "  GET /models lists the models, GET /models/NAME gives a model's input columns; POST /models/NAME/invoke, or the",
                "  X-Amzn-SageMaker-Target-Model: NAME header on /invocations, scores with model NAME.",
                "Data capture (--capture DIR): JSONL in Model Monitor's shape under DIR/<endpoint>/<variant>/yyyy/mm/dd/hh/; the",
                "default model's variant is --variant-name, a named model's is its name. X-Amzn-SageMaker-Inference-Id sets inferenceId."})
final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", paramLabel = "[NAME=]REF",
            description = "A model: a job folder, NAME/N or NAME@approved. Without NAME= it is the default model of /invocations; "
                    + "with it, the model NAME (repeat for several).")
    List<String> modelArgs = new ArrayList<>();

    @Option(names = "--models-dir", paramLabel = "DIR", description = "A folder of model folders, each loaded on its first request (multi-model endpoint).")
    Path modelsDir;

    @Option(names = "--max-models", paramLabel = "N", defaultValue = "8",
            description = "Models of --models-dir kept loaded at once; the least recently used is unloaded. Default ${DEFAULT-VALUE}.")
    int maxModels;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (0: a free one, printed at start). Default ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default ${DEFAULT-VALUE} (this machine only); 0.0.0.0 for every interface.")
    String host;

    @Option(names = "--max-payload-mb", paramLabel = "MB", defaultValue = "6", description = "Largest request body, as SageMaker's limit. Default ${DEFAULT-VALUE}.")
    int maxPayloadMb;

    @Option(names = "--capture", paramLabel = "DIR", description = "Write a sample of requests and answers as JSONL under DIR/<endpoint>/<variant>/.")
    Path capture;

    @Option(names = "--sampling-percentage", paramLabel = "P", defaultValue = "100", description = "Percent of requests captured, 0 to 100. Default ${DEFAULT-VALUE}.")
    double samplingPercentage;

    @Option(names = "--endpoint-name", paramLabel = "NAME", defaultValue = "holdout", description = "The endpoint's name in capture paths. Default ${DEFAULT-VALUE}.")
    String endpointName;

    @Option(names = "--variant-name", paramLabel = "NAME", defaultValue = "AllTraffic",
            description = "The default model's production variant in capture paths. Default ${DEFAULT-VALUE}.")
    String variantName;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the capture sampling. Default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "On SIGTERM, how long requests in flight may take to finish. Default ${DEFAULT-VALUE} (SageMaker kills 30 s after SIGTERM).")
    int shutdownSeconds;

    @Override public Integer call() {
        if (maxPayloadMb < 1 || maxPayloadMb > 1024) {
            throw DataValidationException.param("--max-payload-mb", maxPayloadMb, "must be between 1 and 1024", "e.g. --max-payload-mb 6");
        }
        if (shutdownSeconds < 0 || shutdownSeconds > 3600) {
            throw DataValidationException.param("--shutdown-timeout", shutdownSeconds, "must be between 0 and 3600 seconds", "e.g. --shutdown-timeout 20");
        }
        if (capture == null && spec.commandLine().getParseResult().hasMatchedOption("--sampling-percentage")) {
            throw DataValidationException.param("--sampling-percentage", samplingPercentage, "needs --capture DIR", "pass --capture DIR to capture requests");
        }
        ModelHost.Builder models = ModelHost.builder();
        boolean hasDefault = false;
        for (String m : modelArgs) {
            int eq = m.indexOf('=');
            if (eq > 0 && !Files.exists(Path.of(m))) {
                models.named(m.substring(0, eq), ModelReferences.folder(m.substring(eq + 1)));
            } else {
                if (hasDefault) throw DataValidationException.param("--model", m, "is a second default model", "name the others: --model NAME=REF");
                hasDefault = true;
                models.defaultModel(ModelReferences.folder(ModelReference.parse(m)));
            }
        }
        if (modelsDir != null) models.modelsDir(modelsDir, maxModels);
        PrintWriter out = spec.commandLine().getOut();
        PrintStream log = System.err;
        DataCapture dc = capture == null ? null : DataCapture.at(capture, endpointName, samplingPercentage, seed, log);
        try {
            Endpoint endpoint = new Endpoint(dc, variantName, log);
            CountDownLatch stop = new CountDownLatch(1);
            Signals.onTermination(stop::countDown);
            HttpEndpoint http = HttpEndpoint.start(endpoint, host, port, (long) maxPayloadMb << 20, log);
            out.println("holdout serve: listening on http://" + host + ":" + http.port() + " (" + (http.virtualThreads() ? "a virtual thread per request"
                    : "a pool of " + HttpEndpoint.POOL_THREADS + " threads") + "); loading the models");
            out.flush();
            ModelHost host;
            try {
                host = models.build();
            } catch (RuntimeException e) {
                http.stop(Duration.ZERO);
                throw e;
            }
            endpoint.ready(host);
            List<String> names = new ArrayList<>();
            for (ModelHost.ModelInfo i : host.models()) names.add(i.name().isEmpty() ? "(default) " + i.folder() : i.name() + (i.loaded() ? "" : " (on first use)"));
            out.println("ready: " + String.join(", ", names) + (dc == null ? "" : String.format(Locale.ROOT, "; capturing %s%% of requests into %s",
                    fmt(samplingPercentage), dc.folder())));
            out.flush();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean drained = http.stop(Duration.ofSeconds(shutdownSeconds));
            out.println("stopped: " + endpoint.served() + " requests answered, " + endpoint.failed() + " with an error"
                    + (drained ? "" : "; some requests in flight were cut off after --shutdown-timeout")
                    + (dc == null ? "" : String.format(Locale.ROOT, "; capture: %,d records written, %,d errors", dc.written(), dc.errors())));
            out.flush();
            return HoldoutCli.EXIT_OK;
        } finally {
            if (dc != null) dc.close();
        }
    }

    private static String fmt(double p) { return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p); }

    /** SIGTERM and SIGINT start an orderly stop instead of the JVM's immediate exit (which would end with 143). */
    static final class Signals {
        private Signals() {}

        @SuppressWarnings("restriction")
        static void onTermination(Runnable r) {
            for (String name : new String[] {"TERM", "INT"}) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), s -> r.run());
                } catch (IllegalArgumentException e) {
                    // a signal this platform does not have (or the JVM keeps for itself): the default stays
                }
            }
        }
    }
}
