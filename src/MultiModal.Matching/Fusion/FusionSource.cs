using MultiModal.Matching.Encoding;
using MultiModal.Matching.Indexing;

namespace MultiModal.Matching.Fusion;

/// <summary>A simple, immutable <see cref="IFusionSource"/> over indexes the caller already holds.</summary>
/// <remarks>Thread-safe: the object never changes after construction (the indexes it points to state their own thread-safety).</remarks>
public sealed class FusionSource : IFusionSource
{
    private readonly Modality[] _modalities;
    private readonly IVectorIndex[] _indexes;

    /// <summary>Creates a source over one index per modality.</summary>
    /// <param name="indexes">Pairs of modality and index, in slot order; modalities must be distinct.</param>
    /// <param name="jointLayout">The joint layout for early fusion, or null.</param>
    /// <param name="jointIndex">The joint index (metric <see cref="DistanceMetric.DotProduct"/>, dimension <see cref="JointLayout.Dimension"/>), or null.</param>
    /// <param name="calibration">A calibration fitted on these indexes, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="indexes"/> or one of its indexes is null.</exception>
    /// <exception cref="ArgumentException">No index is given, a modality repeats or is default, only one of the joint layout and joint index is given, or they do not fit each other.</exception>
    public FusionSource(
        IEnumerable<KeyValuePair<Modality, IVectorIndex>> indexes,
        JointLayout? jointLayout = null,
        IVectorIndex? jointIndex = null,
        ScoreCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        var pairs = indexes.ToArray();
        if (pairs.Length == 0)
        {
            throw new ArgumentException("At least one modality index is required.", nameof(indexes));
        }

        _modalities = new Modality[pairs.Length];
        _indexes = new IVectorIndex[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Key.IsDefault)
            {
                throw new ArgumentException("A modality is default-initialised.", nameof(indexes));
            }

            if (Array.IndexOf(_modalities, pairs[i].Key, 0, i) >= 0)
            {
                throw new ArgumentException($"The modality '{pairs[i].Key}' appears twice.", nameof(indexes));
            }

            ArgumentNullException.ThrowIfNull(pairs[i].Value, nameof(indexes));
            _modalities[i] = pairs[i].Key;
            _indexes[i] = pairs[i].Value;
        }

        if ((jointLayout is null) != (jointIndex is null))
        {
            throw new ArgumentException("The joint layout and the joint index come together: give both or neither.", nameof(jointIndex));
        }

        if (jointLayout is not null && jointIndex is not null)
        {
            JointLayout.Validate(jointLayout, jointIndex, nameof(jointIndex));
        }

        JointLayout = jointLayout;
        JointIndex = jointIndex;
        Calibration = calibration;
    }

    /// <inheritdoc/>
    public IReadOnlyList<Modality> Modalities => _modalities;

    /// <inheritdoc/>
    public IVectorIndex? JointIndex { get; }

    /// <inheritdoc/>
    public JointLayout? JointLayout { get; }

    /// <inheritdoc/>
    public ScoreCalibration? Calibration { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is out of range.</exception>
    public IVectorIndex GetIndex(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, _indexes.Length);
        return _indexes[slot];
    }

    /// <summary>Returns a copy of this source with a different calibration.</summary>
    /// <param name="calibration">The calibration, or null to remove it.</param>
    /// <returns>A new source sharing the same indexes.</returns>
    public FusionSource WithCalibration(ScoreCalibration? calibration) =>
        new(_modalities.Zip(_indexes, KeyValuePair.Create), JointLayout, JointIndex, calibration);
}
