namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>Decides whether a visited node may enter the result set of a layer search.</summary>
internal unsafe interface IHnswAccept
{
    bool Accept(byte* record);
}

/// <summary>Every node that is not freed (inserts: tombstones still guide the search).</summary>
internal readonly unsafe struct HnswAcceptAll : IHnswAccept
{
    public bool Accept(byte* record) => true;
}

/// <summary>Live nodes only (searches: tombstones are traversed but never returned).</summary>
internal readonly unsafe struct HnswAcceptLive : IHnswAccept
{
    public bool Accept(byte* record) => HnswIndex.FlagsOf(record) == 0;
}

/// <summary>Live nodes whose id passes the caller's filter.</summary>
internal readonly unsafe struct HnswAcceptFiltered(IIdFilter filter) : IHnswAccept
{
    public bool Accept(byte* record) => HnswIndex.FlagsOf(record) == 0 && filter.Matches(HnswIndex.IdOf(record));
}
