namespace MultiModal.Matching.Indexing.Hnsw;

/// <summary>
/// Checks a graph's invariants: degrees within Mmax per layer, links in range, no self-links, no
/// duplicate links, no link to a freed slot, no link on a layer above its target's level, counts
/// consistent with the flags, and every live node reachable on level 0 from the entry point.
/// </summary>
internal static unsafe class HnswGraphValidator
{
    /// <summary>Returns every violation found (empty when the graph is sound). Blocks writers while it runs.</summary>
    public static IReadOnlyList<string> Validate(HnswIndex index)
    {
        using HnswIndex.ExclusiveScope scope = index.EnterExclusive();
        var problems = new List<string>();
        HnswGraphLayout layout = index.Layout;
        int slotCount = index.SlotCount;
        (int entry, int maxLevel) = index.EntryPoint;
        int live = 0;
        for (int slot = 0; slot < slotCount; slot++)
        {
            byte* record = index.Record(slot);
            byte flags = HnswIndex.FlagsOf(record);
            if ((*(uint*)record & 1) != 0)
            {
                problems.Add($"slot {slot}: left locked");
            }

            if (flags == HnswGraphLayout.FlagFreed)
            {
                continue;
            }

            if (flags == 0)
            {
                live++;
            }

            int parent = index.ParentOf(slot);
            if (parent >= slotCount || parent == slot)
            {
                problems.Add($"slot {slot}: parent {parent} out of range");
            }
            else if (parent >= 0 && !new ReadOnlySpan<int>(index.LinksOf(index.Record(parent), 0, out int parentCount), parentCount).Contains(slot))
            {
                problems.Add($"slot {slot}: parent {parent} has no tree link to it");
            }

            int level = HnswIndex.LevelOf(record);
            if (level > maxLevel)
            {
                problems.Add($"slot {slot}: level {level} above the entry level {maxLevel}");
                continue;
            }

            for (int l = 0; l <= level; l++)
            {
                int* links = index.LinksOf(record, l, out int count);
                if (count < 0 || count > layout.MaxLinks(l))
                {
                    problems.Add($"slot {slot} level {l}: degree {count} > {layout.MaxLinks(l)}");
                    continue;
                }

                for (int i = 0; i < count; i++)
                {
                    int target = links[i];
                    if ((uint)target >= (uint)slotCount)
                    {
                        problems.Add($"slot {slot} level {l}: link {target} out of range");
                    }
                    else if (target == slot)
                    {
                        problems.Add($"slot {slot} level {l}: self-link");
                    }
                    else if (HnswIndex.FlagsOf(index.Record(target)) == HnswGraphLayout.FlagFreed)
                    {
                        problems.Add($"slot {slot} level {l}: link to freed slot {target}");
                    }
                    else if (HnswIndex.LevelOf(index.Record(target)) < l)
                    {
                        problems.Add($"slot {slot} level {l}: link to {target} whose level is lower");
                    }
                    else if (new ReadOnlySpan<int>(links, i).Contains(target))
                    {
                        problems.Add($"slot {slot} level {l}: duplicate link {target}");
                    }
                }
            }
        }

        if (live != index.Count)
        {
            problems.Add($"live nodes {live} != Count {index.Count}");
        }

        if (live > 0)
        {
            if (entry < 0 || entry >= slotCount || HnswIndex.FlagsOf(index.Record(entry)) == HnswGraphLayout.FlagFreed)
            {
                problems.Add($"entry point {entry} is missing or freed");
                return problems;
            }

            if (HnswIndex.LevelOf(index.Record(entry)) != maxLevel)
            {
                problems.Add($"entry point level {HnswIndex.LevelOf(index.Record(entry))} != max level {maxLevel}");
            }

            CheckReachable(index, entry, slotCount, problems);
        }

        return problems;
    }

    private static void CheckReachable(HnswIndex index, int entry, int slotCount, List<string> problems)
    {
        var reached = new bool[slotCount];
        var stack = new Stack<int>();
        reached[entry] = true;
        stack.Push(entry);
        while (stack.Count > 0)
        {
            int slot = stack.Pop();
            int* links = index.LinksOf(index.Record(slot), 0, out int count);
            for (int i = 0; i < count; i++)
            {
                int target = links[i];
                if ((uint)target < (uint)slotCount && !reached[target])
                {
                    reached[target] = true;
                    stack.Push(target);
                }
            }
        }

        for (int slot = 0; slot < slotCount; slot++)
        {
            if (!reached[slot] && HnswIndex.FlagsOf(index.Record(slot)) == 0)
            {
                problems.Add($"slot {slot} (id {HnswIndex.IdOf(index.Record(slot))}) unreachable from the entry point");
            }
        }
    }
}
