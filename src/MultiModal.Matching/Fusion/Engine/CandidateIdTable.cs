using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Fusion;

/// <summary>
/// Maps item ids to candidate positions while merging result lists: open addressing with linear probing over a
/// power-of-two table at least twice the candidate count, reused across searches. Entries carry the generation of the
/// search that wrote them, so <see cref="Reset"/> empties the table by bumping the generation instead of clearing it;
/// the table is cleared only when it grows or the generation wraps.
/// </summary>
/// <remarks>Not thread-safe: one per workspace.</remarks>
internal sealed class CandidateIdTable
{
    private Entry[] _entries = [];
    private int _shift = 32;
    private int _mask = -1;
    private int _generation;

    /// <summary>The number of slots (a power of two).</summary>
    public int Capacity => _entries.Length;

    /// <summary>The current generation (0 before the first <see cref="Reset"/>); entries of older generations are empty.</summary>
    internal int Generation => _generation;

    /// <summary>Empties the table and makes room for <paramref name="candidates"/> distinct ids at a load factor of at most 1/2.</summary>
    public void Reset(int candidates)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, candidates * 2));
        if (_entries.Length < size)
        {
            _entries = new Entry[size];
            _generation = 0;
        }
        else if (_generation == int.MaxValue)
        {
            Array.Clear(_entries);
            _generation = 0;
        }

        // Probe over the part of the table this search needs, so that a small search after a large one stays in L1.
        _shift = 32 - BitOperations.Log2((uint)size);
        _mask = size - 1;
        _generation++;
    }

    /// <summary>
    /// The candidate position of <paramref name="id"/>; when the id is not in the table yet, it is added with position
    /// <paramref name="next"/>, which is then returned (so the caller knows it was added by comparing).
    /// </summary>
    public int FindOrAdd(int id, int next) => Begin().FindOrAdd(id, next);

    /// <summary>A cursor for a run of <see cref="Cursor.FindOrAdd"/> calls with the table's fields held in registers.</summary>
    /// <remarks>Valid until the next <see cref="Reset"/>.</remarks>
    public Cursor Begin() => new(ref MemoryMarshal.GetArrayDataReference(_entries), _generation, _shift, _mask);

    /// <summary>Sets the generation (tests use it to reach the wrap-around).</summary>
    internal void SetGenerationForTest(int generation) => _generation = generation;

    /// <summary>
    /// The table's state as locals: a merge loop also stores into the cell arrays, and the JIT reloads an object's fields
    /// after every store it cannot prove unrelated, so probing through the table itself cost four loads per id.
    /// </summary>
    internal readonly ref struct Cursor
    {
        private readonly ref Entry _first;
        private readonly int _generation;
        private readonly int _shift;
        private readonly int _mask;

        public Cursor(ref Entry first, int generation, int shift, int mask)
        {
            _first = ref first;
            _generation = generation;
            _shift = shift;
            _mask = mask;
        }

        /// <summary>
        /// The candidate position of <paramref name="id"/>; when the id is not in the table yet, it is added with position
        /// <paramref name="next"/>, which is then returned.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int FindOrAdd(int id, int next)
        {
            // Fibonacci hashing: the top bits of id × 2^32/φ spread consecutive and strided ids evenly.
            int slot = (int)(((uint)id * 2654435769u) >> _shift);
            while (true)
            {
                ref Entry entry = ref Unsafe.Add(ref _first, slot);

                // One branch on "stop here" (almost always taken at load ≤ 1/2) instead of one on "new or found", whose
                // outcome is a coin toss when merging lists that overlap. The choice is made with a mask, not a
                // conditional, because the JIT turned the conditional back into that branch; the entry is written either way.
                int empty = entry.Generation != _generation ? 1 : 0;
                if ((empty | (entry.Id == id ? 1 : 0)) != 0)
                {
                    int found = entry.Candidate;
                    int candidate = found ^ ((found ^ next) & -empty);
                    entry.Generation = _generation;
                    entry.Id = id;
                    entry.Candidate = candidate;
                    return candidate;
                }

                slot = (slot + 1) & _mask;
            }
        }
    }

    /// <summary>The candidate position of <paramref name="id"/>, or −1 when it was not added since the last <see cref="Reset"/>.</summary>
    public int Find(int id)
    {
        int slot = (int)(((uint)id * 2654435769u) >> _shift);
        while (true)
        {
            ref Entry entry = ref _entries[slot];
            if (entry.Generation != _generation)
            {
                return -1;
            }

            if (entry.Id == id)
            {
                return entry.Candidate;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>One slot: the id, its candidate position, and the generation (search) that wrote it.</summary>
    internal struct Entry
    {
        public int Generation;
        public int Id;
        public int Candidate;
    }
}
