using System.Globalization;
using MultiModal.Matching.CrashWriter;
using MultiModal.Matching.Indexing.Hnsw;
using MultiModal.Matching.Storage;

// Child process of the storage crash and locking tests.
//   write <dir> <firstBatch> <lastBatch>: create or open <dir> read-write, apply CrashWorkload batches,
//       print "ACK <b>" after each durable batch, checkpoint every 5th batch; "READY" once open.
//   read <dir> <rounds>: open read-only <rounds> times, scan the text space for the nearest item to a
//       fixed query, print "READ <generation> <live> <nearest key>" each time.
// Exit codes: 0 done, 3 the collection is locked by another writer, 4 corrupt, 2 usage.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: write <dir> <firstBatch> <lastBatch> | read <dir> <rounds>");
    return 2;
}

string directory = args[1];
try
{
    if (args[0] == "write")
    {
        int first = int.Parse(args[2], CultureInfo.InvariantCulture);
        int last = int.Parse(args[3], CultureInfo.InvariantCulture);
        var options = new CollectionStoreOptions { AutoCheckpointLogBytes = 48 << 10 };
        using CollectionStore store = CollectionStore.Exists(directory)
            ? CollectionStore.Open(directory, StoreOpenMode.ReadWrite, options)
            : CollectionStore.Create(directory, CrashWorkload.Spaces, options);

        // The text space keeps an HNSW graph that checkpoints persist (the owner's side of the contract).
        using HnswIndex graph = HnswStorage.Attach(store, 0, CrashWorkload.GraphOptions());
        Console.WriteLine("READY");
        for (int b = first; b <= last; b++)
        {
            StoreOperation[] batch = CrashWorkload.Batch(b);
            StoreOperationResult[] results = store.Apply(batch);
            Console.WriteLine($"ACK {b}");
            CrashWorkload.ApplyToGraph(graph, batch, results);
            if (b % 5 == 4 || store.IsCheckpointDue)
            {
                store.Checkpoint();
            }
        }

        return 0;
    }

    if (args[0] == "read")
    {
        int rounds = int.Parse(args[2], CultureInfo.InvariantCulture);
        float[] query = new float[16];
        float[] row = new float[16];
        for (int r = 0; r < rounds; r++)
        {
            using CollectionStore store = CollectionStore.Open(directory, StoreOpenMode.ReadOnly);
            int best = -1;
            float bestDistance = float.PositiveInfinity;
            for (int id = 0; id < store.RowCount; id++)
            {
                if (store.IsLive(id) && store.TryCopyVector(0, id, row))
                {
                    float distance = MultiModal.Matching.Numerics.VectorKernels.L2Squared(query, row);
                    if (distance < bestDistance)
                    {
                        (best, bestDistance) = (id, distance);
                    }
                }
            }

            Console.WriteLine($"READ {store.Generation} {store.LiveCount} {(best < 0 ? "-" : store.GetKey(best))}");
        }

        return 0;
    }
}
catch (CollectionLockedException)
{
    Console.WriteLine("LOCKED");
    return 3;
}
catch (CorruptIndexException e)
{
    Console.WriteLine($"CORRUPT {e.Message}");
    return 4;
}

Console.Error.WriteLine($"unknown command '{args[0]}'");
return 2;
