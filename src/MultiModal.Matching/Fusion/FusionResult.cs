using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// The fused matches of one search, best first, with their explanations. Reuse one instance across
/// searches (<see cref="IFusion.Search(IFusionSource, FusionQuery, FusionResult)"/>) to avoid allocations.
/// </summary>
/// <remarks>Not thread-safe: one search at a time may write into an instance.</remarks>
public sealed class FusionResult
{
    private FusedMatch[] _matches = [];
    private ModalityContribution[] _explanations = [];
    private IReadOnlyList<Modality> _modalities = [];
    private int _slots;

    /// <summary>The number of matches.</summary>
    public int Count { get; private set; }

    /// <summary>The matches, best first (highest score, ties by ascending id).</summary>
    public ReadOnlySpan<FusedMatch> Matches => _matches.AsSpan(0, Count);

    /// <summary>The match at position <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public FusedMatch this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _matches[index];
        }
    }

    /// <summary>The modalities of each explanation, in order (the source's slot order).</summary>
    public IReadOnlyList<Modality> Modalities => _modalities;

    /// <summary>How many distinct candidates were scored to produce the result.</summary>
    public int CandidatesScored { get; private set; }

    /// <summary>The per-modality window finally used (late fusion; grows under the threshold algorithm), or the candidate count (hybrid).</summary>
    public int Window { get; private set; }

    /// <summary>Copies the ids of the matches into a new array (a convenience for tests and evaluation).</summary>
    /// <returns>The ids, best first.</returns>
    public int[] ToIdArray()
    {
        var ids = new int[Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = _matches[i].Id;
        }

        return ids;
    }

    internal void Reset(IReadOnlyList<Modality> modalities, int capacity)
    {
        int m = modalities.Count;
        if (_matches.Length < capacity)
        {
            _matches = new FusedMatch[capacity];
        }

        if (_explanations.Length < capacity * m)
        {
            _explanations = new ModalityContribution[capacity * m];
        }

        _modalities = modalities;
        _slots = m;
        Count = 0;
        CandidatesScored = 0;
        Window = 0;
    }

    internal Span<ModalityContribution> ExplanationSlot(int index) =>
        _explanations.AsSpan(index * _slots, _slots);

    internal void Add(int id, float score)
    {
        int m = _slots;
        _matches[Count] = new FusedMatch(id, score, new ReadOnlyMemory<ModalityContribution>(_explanations, Count * m, m));
        Count++;
    }

    internal void SetStatistics(int candidatesScored, int window)
    {
        CandidatesScored = candidatesScored;
        Window = window;
    }
}
