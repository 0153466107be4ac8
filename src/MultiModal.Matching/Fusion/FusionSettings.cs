using MultiModal.Matching.Encoding;

namespace MultiModal.Matching.Fusion;

/// <summary>The immutable per-fusion-object settings shared by the strategies: weights and missing-modality policies.</summary>
internal sealed class FusionSettings
{
    public static readonly FusionSettings Default = new([], [], MissingModalityPolicy.Skip, [], MissingModalityPolicy.Fill(0));

    private readonly KeyValuePair<Modality, float>[] _weights;
    private readonly KeyValuePair<Modality, MissingModalityPolicy>[] _queryPolicies;
    private readonly KeyValuePair<Modality, MissingModalityPolicy>[] _itemPolicies;

    private FusionSettings(
        KeyValuePair<Modality, float>[] weights,
        KeyValuePair<Modality, MissingModalityPolicy>[] queryPolicies,
        MissingModalityPolicy defaultQueryPolicy,
        KeyValuePair<Modality, MissingModalityPolicy>[] itemPolicies,
        MissingModalityPolicy defaultItemPolicy)
    {
        _weights = weights;
        _queryPolicies = queryPolicies;
        _itemPolicies = itemPolicies;
        DefaultQueryPolicy = defaultQueryPolicy;
        DefaultItemPolicy = defaultItemPolicy;
    }

    public MissingModalityPolicy DefaultQueryPolicy { get; }

    public MissingModalityPolicy DefaultItemPolicy { get; }

    public IReadOnlyList<KeyValuePair<Modality, float>> Weights => _weights;

    /// <summary>The configured weight, or NaN when the fusion object leaves it to the default.</summary>
    public float WeightOf(Modality modality)
    {
        foreach (var pair in _weights)
        {
            if (pair.Key == modality)
            {
                return pair.Value;
            }
        }

        return float.NaN;
    }

    public MissingModalityPolicy QueryPolicyOf(Modality modality) => Find(_queryPolicies, modality) ?? DefaultQueryPolicy;

    public MissingModalityPolicy ItemPolicyOf(Modality modality) => Find(_itemPolicies, modality) ?? DefaultItemPolicy;

    public FusionSettings WithWeight(Modality modality, float weight)
    {
        if (modality.IsDefault)
        {
            throw new ArgumentException("The modality is default-initialised.", nameof(modality));
        }

        if (!float.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A weight must be finite and non-negative.");
        }

        return new(Set(_weights, modality, weight), _queryPolicies, DefaultQueryPolicy, _itemPolicies, DefaultItemPolicy);
    }

    public FusionSettings WithQueryPolicy(Modality? modality, MissingModalityPolicy policy)
    {
        if (policy.Kind == MissingModalityKind.Recompute)
        {
            throw new ArgumentException("Recompute needs the query's embedding; on the query side use Skip or Fill.", nameof(policy));
        }

        return modality is { } m
            ? new(_weights, Set(_queryPolicies, Check(m), policy), DefaultQueryPolicy, _itemPolicies, DefaultItemPolicy)
            : new(_weights, [], policy, _itemPolicies, DefaultItemPolicy);
    }

    public FusionSettings WithItemPolicy(Modality? modality, MissingModalityPolicy policy) =>
        modality is { } m
            ? new(_weights, _queryPolicies, DefaultQueryPolicy, Set(_itemPolicies, Check(m), policy), DefaultItemPolicy)
            : new(_weights, _queryPolicies, DefaultQueryPolicy, [], policy);

    private static Modality Check(Modality modality) =>
        modality.IsDefault ? throw new ArgumentException("The modality is default-initialised.", nameof(modality)) : modality;

    private static MissingModalityPolicy? Find(KeyValuePair<Modality, MissingModalityPolicy>[] pairs, Modality modality)
    {
        foreach (var pair in pairs)
        {
            if (pair.Key == modality)
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static KeyValuePair<Modality, T>[] Set<T>(KeyValuePair<Modality, T>[] pairs, Modality modality, T value)
    {
        var list = pairs.Where(p => p.Key != modality).ToList();
        list.Add(KeyValuePair.Create(modality, value));
        return [.. list];
    }
}
