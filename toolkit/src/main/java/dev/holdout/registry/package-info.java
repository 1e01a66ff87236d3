/**
 * The model registry on the store: model groups of numbered versions with content-addressed artifacts, an approval
 * status (SageMaker's ModelApprovalStatus) whose every change is kept, and model references {@code NAME/N} and
 * {@code NAME@approved} for the verbs that score ({@code holdout registry}).
 *
 * <pre>{@code
 * ModelRegistry reg = ModelRegistry.open(Store.locate(null));
 * ModelVersion v = reg.register("rain", Path.of("runs/rain"), "first model", ApprovalStatus.PendingManualApproval);
 * reg.approve("rain", v.version(), "ana", "AUC 0.91 on validation");
 * Path model = ModelReference.parse("rain@approved").resolve(reg);
 * }</pre>
 */
package dev.holdout.registry;
