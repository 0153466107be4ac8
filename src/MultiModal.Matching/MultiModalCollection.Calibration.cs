using System.Diagnostics;
using MultiModal.Matching.Collection;
using MultiModal.Matching.Fusion;
using MultiModal.Matching.Storage;

namespace MultiModal.Matching;

public sealed partial class MultiModalCollection
{
    /// <summary>The score calibration fitted on this collection, or <see langword="null"/> before <see cref="FitCalibration"/>.</summary>
    public ScoreCalibration? Calibration => Volatile.Read(ref _calibration);

    /// <summary>
    /// Fits a per-modality score calibration on the collection's own score distribution (sampled probes, their
    /// nearest neighbours and random partners), so that <see cref="ScoreNormalization.Calibrated"/> fusion gives
    /// scores that do not depend on the result window. Re-fit after large changes; re-indexing a modality drops it.
    /// </summary>
    /// <param name="probes">How many items to sample as probes; at least 1.</param>
    /// <param name="seed">The sampling seed.</param>
    /// <returns>The calibration, also kept by the collection (and, for a collection in a directory, written next to it at once).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probes"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The collection has fewer than 2 items.</exception>
    /// <exception cref="ObjectDisposedException">The collection is disposed.</exception>
    /// <remarks>Searches keep running while the calibration is fitted; writes wait.</remarks>
    public ScoreCalibration FitCalibration(int probes = 256, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        var started = Stopwatch.StartNew();
        ScoreCalibration calibration;
        using (ReadScope())
        {
            var ids = new List<int>(_keys.Count);
            for (int id = 0; id < _keys.IdRange; id++)
            {
                if (_keys.IsLive(id))
                {
                    ids.Add(id);
                }
            }

            calibration = ScoreCalibration.Fit(_source, ids.ToArray(), probes, seed: seed);
        }

        using (WriteScope())
        {
            _calibration = calibration;
            _source = BuildSource();
            if (Directory is not null && !IsReadOnly)
            {
                using var buffer = new MemoryStream();
                calibration.WriteTo(buffer);
                string path = Path.Combine(Directory, CalibrationFileName);
                DurableFile.ReplaceAtomically(path, path + ".tmp", buffer.ToArray());
            }
        }

        CollectionLog.Calibrated(_logger, probes, started.Elapsed.TotalMilliseconds);
        return calibration;
    }
}
