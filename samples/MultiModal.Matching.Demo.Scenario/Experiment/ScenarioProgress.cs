namespace MultiModal.Matching.Demo.Scenario.Experiment;

/// <summary>Progress of one stage of the scenario.</summary>
/// <param name="Stage">The stage, e.g. "generate", "index", "reopen", "queries", "evaluate".</param>
/// <param name="Completed">Steps done in this stage.</param>
/// <param name="Total">Steps in this stage.</param>
public readonly record struct ScenarioProgress(string Stage, int Completed, int Total);
