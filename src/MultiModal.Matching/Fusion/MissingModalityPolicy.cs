namespace MultiModal.Matching.Fusion;

/// <summary>
/// How late and hybrid fusion treat a missing score for one modality. Set separately for the query side (the
/// query has no embedding for the modality) and the item side (the item is not in that modality's result
/// list, because it lies beyond the window or has no vector for that modality).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Skip"/>: the modality takes no part; the weights of the others are renormalised to sum to 1.</item>
/// <item><see cref="Fill"/>: the constant stands in for the normalised score (for RRF and Borda, for the rank term).</item>
/// <item><see cref="Recompute(float?)"/>: item side only; the item's exact score is computed from its stored vector and
/// normalised like a retrieved one, with the rank it would have had. An item with no stored vector for the
/// modality falls back to filling the given constant, or to skipping when none is given.</item>
/// </list>
/// </remarks>
public readonly record struct MissingModalityPolicy
{
    private MissingModalityPolicy(MissingModalityKind kind, float fillValue, bool hasFill)
    {
        Kind = kind;
        FillValue = fillValue;
        HasFillValue = hasFill;
    }

    /// <summary>Leave the modality out and renormalise the remaining weights.</summary>
    public static MissingModalityPolicy Skip => new(MissingModalityKind.Skip, 0, false);

    /// <summary>What the policy does.</summary>
    public MissingModalityKind Kind { get; }

    /// <summary>The constant used by <see cref="MissingModalityKind.Fill"/> (and by <see cref="MissingModalityKind.Recompute"/> as its fallback when <see cref="HasFillValue"/>).</summary>
    public float FillValue { get; }

    /// <summary>Whether <see cref="FillValue"/> applies.</summary>
    public bool HasFillValue { get; }

    /// <summary>Use a constant in place of the missing normalised score.</summary>
    /// <param name="value">The constant; finite.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static MissingModalityPolicy Fill(float value)
    {
        ThrowIfNotFinite(value);
        return new(MissingModalityKind.Fill, value, true);
    }

    /// <summary>Recompute the exact score from the item's stored vector (item side only).</summary>
    /// <param name="fallbackFill">The constant to use when the item has no stored vector for the modality; null to skip it then.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fallbackFill"/> is NaN or infinite.</exception>
    public static MissingModalityPolicy Recompute(float? fallbackFill = null)
    {
        if (fallbackFill is { } f)
        {
            ThrowIfNotFinite(f);
        }

        return new(MissingModalityKind.Recompute, fallbackFill ?? 0, fallbackFill.HasValue);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        MissingModalityKind.Fill => $"Fill({FillValue})",
        MissingModalityKind.Recompute => HasFillValue ? $"Recompute(else Fill({FillValue}))" : "Recompute(else Skip)",
        _ => "Skip",
    };

    private static void ThrowIfNotFinite(float value)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A fill value must be finite.");
        }
    }
}
