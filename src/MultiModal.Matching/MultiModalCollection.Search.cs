using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MultiModal.Matching.Attributes;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    /// <summary>
    /// Finds the items that best match a query with any subset of the collection's modalities, fused by
    /// <paramref name="fusion"/> and restricted by <paramref name="filter"/> inside the index search.
    /// </summary>
    /// <param name="query">The query: raw inputs (encoded now) and/or embeddings, with optional per-query weights.</param>
    /// <param name="k">How many matches are wanted; at least 1.</param>
    /// <param name="fusion">The fusion strategy; <see cref="MultiModalCollectionOptions.DefaultFusion"/> when null.</param>
    /// <param name="filter">A condition on attributes that every match satisfies; applied inside the index search, so
    /// up to k matches come back whenever k items qualify.</param>
    /// <param name="includeAttributes">Whether each match carries the item's attribute values.</param>
    /// <returns>Up to <paramref name="k"/> matches, best first, each explained per modality.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The query has no modality, an undeclared one, an input the modality's encoder does not
    /// take, or an embedding of the wrong dimension or with NaN/∞; or the filter names an unknown field or compares with a
    /// value of the wrong type.</exception>
    /// <exception cref="InvalidOperationException">The fusion needs what the collection lacks (early fusion without a joint space,
    /// calibrated normalisation without <see cref="FitCalibration"/>), or a modality awaits <see cref="ReindexModality{TInput}"/>.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public IReadOnlyList<MultiModalMatch> Search(
        MultiModalQuery query, int k = 10, IFusion? fusion = null, AttributeFilter? filter = null, bool includeAttributes = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionSchema schema = Schema;
        ValidateQuery(schema, query);
        Dictionary<Modality, float[]> vectors = InputEncoder.Encode(schema, query.Inputs, "query");
        return SearchEncoded(query, vectors, k, fusion, filter, includeAttributes);
    }

    /// <summary>Like <see cref="Search"/>, encoding the query's raw inputs asynchronously.</summary>
    /// <param name="query">The query.</param>
    /// <param name="k">How many matches are wanted; at least 1.</param>
    /// <param name="fusion">The fusion strategy; the default when null.</param>
    /// <param name="filter">A condition on attributes applied inside the index search.</param>
    /// <param name="includeAttributes">Whether each match carries the item's attribute values.</param>
    /// <param name="cancellationToken">Cancels the encoding.</param>
    /// <returns>Up to <paramref name="k"/> matches, best first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">As for <see cref="Search"/>.</exception>
    /// <exception cref="InvalidOperationException">As for <see cref="Search"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public async Task<IReadOnlyList<MultiModalMatch>> SearchAsync(
        MultiModalQuery query,
        int k = 10,
        IFusion? fusion = null,
        AttributeFilter? filter = null,
        bool includeAttributes = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionSchema schema = Schema;
        ValidateQuery(schema, query);
        Dictionary<Modality, float[]>[] vectors = await InputEncoder
            .EncodeManyAsync(schema, [query.Inputs], synchronous: false, "query", cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return SearchEncoded(query, vectors[0], k, fusion, filter, includeAttributes);
    }

    /// <summary>
    /// Runs many queries: raw inputs are encoded in one encoder batch per modality, then the searches run in parallel.
    /// </summary>
    /// <param name="queries">The queries.</param>
    /// <param name="k">How many matches per query; at least 1.</param>
    /// <param name="fusion">The fusion strategy; the default when null.</param>
    /// <param name="filter">A condition on attributes applied to every query inside the index search.</param>
    /// <param name="includeAttributes">Whether each match carries the item's attribute values.</param>
    /// <param name="cancellationToken">Checked while encoding and between searches.</param>
    /// <returns>One list of matches per query, in query order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="queries"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A query or the filter is invalid (see <see cref="Search"/>).</exception>
    /// <exception cref="InvalidOperationException">As for <see cref="Search"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    public IReadOnlyList<MultiModalMatch>[] SearchBatch(
        IReadOnlyList<MultiModalQuery> queries,
        int k = 10,
        IFusion? fusion = null,
        AttributeFilter? filter = null,
        bool includeAttributes = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ObjectDisposedException.ThrowIf(_disposed, this);
        CollectionSchema schema = Schema;
        var inputs = new ModalityInputs[queries.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(queries[i], nameof(queries));
            ValidateQuery(schema, queries[i]);
            inputs[i] = queries[i].Inputs;
        }

        Dictionary<Modality, float[]>[] vectors = InputEncoder
            .EncodeManyAsync(schema, inputs, synchronous: true, "query", cancellationToken).GetAwaiter().GetResult();
        var results = new IReadOnlyList<MultiModalMatch>[queries.Count];
        Parallel.For(
            0,
            queries.Count,
            new ParallelOptions { CancellationToken = cancellationToken },
            i => results[i] = SearchEncoded(queries[i], vectors[i], k, fusion, filter, includeAttributes));
        return results;
    }

    private void ValidateQuery(CollectionSchema schema, MultiModalQuery query)
    {
        IReadOnlySet<Modality> stale;
        using (ReadScope())
        {
            stale = _stale.Count == 0 ? s_noModalities : new HashSet<Modality>(_stale);
        }

        InputEncoder.Validate(schema, stale, query.Inputs, "query");
    }

    private IReadOnlyList<MultiModalMatch> SearchEncoded(
        MultiModalQuery query, Dictionary<Modality, float[]> vectors, int k, IFusion? fusion, AttributeFilter? filter, bool includeAttributes)
    {
        fusion ??= _options.DefaultFusion;
        long started = Stopwatch.GetTimestamp();
        var fusionQuery = new FusionQuery(k);
        foreach (var (modality, vector) in vectors)
        {
            float? weight = query.Weights.TryGetValue(modality, out double w) ? (float)w : null;
            fusionQuery.With(modality, vector, weight);
        }

        MultiModalMatch[] matches;
        using (ReadScope())
        {
            if (_stale.Overlaps(vectors.Keys))
            {
                throw new InvalidOperationException($"A queried modality awaits ReindexModality: {string.Join(", ", _stale.Intersect(vectors.Keys))}.");
            }

            fusionQuery.Filter = filter is null ? null : CompiledFilter.Compile(filter, _attributes, _keys);
            FusionResult result = fusion.Search(_source, fusionQuery);
            matches = new MultiModalMatch[result.Count];
            for (int i = 0; i < matches.Length; i++)
            {
                FusedMatch match = result.Matches[i];
                matches[i] = new MultiModalMatch(
                    _keys.KeyOf(match.Id),
                    match.Score,
                    match.Explanation.ToArray(),
                    includeAttributes ? _attributes.Read(match.Id) : null);
            }
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            CollectionLog.Searched(_logger, string.Join('+', vectors.Keys), k, matches.Length, Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }

        return matches;
    }
}
