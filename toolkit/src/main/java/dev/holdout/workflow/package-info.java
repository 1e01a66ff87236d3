/**
 * Workflow pipelines (SageMaker Pipelines' local counterpart): a JSON file of named steps — Processing, Training,
 * Evaluation, Condition, RegisterModel, Transform, Fail — forming a DAG, run by {@link dev.holdout.workflow.PipelineExecutor}
 * with steps in parallel up to a bound, content-keyed caching, failure semantics and resume, every execution
 * recorded in the store.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.read(Path.of("pipelines/quickstart.json"));          // checked whole before anything runs
 * Execution e = PipelineExecutor.on(Store.locate(null)).parallelism(2).run(p, Map.of("min_auc", "0.7"));
 * e.status();   // "Succeeded"; e.cached() on a second run: every step that did work
 * }</pre>
 *
 * <p>Workflow: {@link dev.holdout.workflow.Pipeline#read} checks names, types, inputs' producers, branch lists,
 * parameters, {@code json_get} paths and cycles; the executor starts each step whose dependencies are done, reuses
 * a step whose key (definition + parameters it reads + SHA-256 of its inputs' contents) matches an earlier success,
 * and records each step in {@link dev.holdout.workflow.ExecutionRecords}.
 */
package dev.holdout.workflow;
