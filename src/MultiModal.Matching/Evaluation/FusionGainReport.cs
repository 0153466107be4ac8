using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Evaluation;

/// <summary>Fused retrieval compared with each single modality on the same queries: the fusion gain.</summary>
/// <param name="Fused">The fused strategy's report.</param>
/// <param name="SingleModality">Each modality alone (queries restricted to that modality; queries without it are scored 0).</param>
/// <param name="BestSingleModality">The modality with the best single-modality nDCG@k.</param>
public sealed record FusionGainReport(EvaluationReport Fused, IReadOnlyDictionary<Modality, EvaluationReport> SingleModality, Modality BestSingleModality)
{
    /// <summary>Fused nDCG@k minus the best single modality's.</summary>
    public double NdcgGain => Fused.Ndcg - SingleModality[BestSingleModality].Ndcg;

    /// <summary>Fused recall@k minus the best single modality's (the modality with the best nDCG).</summary>
    public double RecallGain => Fused.Recall - SingleModality[BestSingleModality].Recall;
}
