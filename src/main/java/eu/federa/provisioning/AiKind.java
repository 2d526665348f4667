package eu.federa.provisioning;

/** The AI services Federa offers, each served by appliance VMs of its own image. */
public enum AiKind {
  /** A model served behind an OpenAI-compatible API (vLLM), on one or more GPU replicas. */
  INFERENCE,
  /** A JupyterLab VM, with or without a GPU. */
  NOTEBOOK,
  /** Fine-tuning of a model on a dataset; ends itself at its time limit. */
  TRAINING;

  public boolean needsModel() {
    return this != NOTEBOOK;
  }

  public boolean needsGpu() {
    return this != NOTEBOOK;
  }
}
