namespace MultiModal.Matching.Fusion;

/// <summary>One fused result: an item id, its fused score and the per-modality explanation.</summary>
/// <remarks>
/// <see cref="Explanation"/> points into the <see cref="FusionResult"/> that produced the match and is valid
/// until that result is reused for another search; copy it (<c>Explanation.ToArray()</c>) to keep it longer.
/// </remarks>
public readonly struct FusedMatch
{
    internal FusedMatch(int id, float score, ReadOnlyMemory<ModalityContribution> explanation)
    {
        Id = id;
        Score = score;
        Explanation = explanation;
    }

    /// <summary>The item's id (shared by every modality index of the collection).</summary>
    public int Id { get; }

    /// <summary>The fused score; larger is better. Its scale depends on the strategy and combiner.</summary>
    public float Score { get; }

    /// <summary>One entry per modality of the source, in the source's slot order.</summary>
    public ReadOnlyMemory<ModalityContribution> Explanation { get; }

    /// <inheritdoc/>
    public override string ToString() => $"#{Id} {Score:G5}";
}
