namespace MultiModal.Matching.Storage;

/// <content>Checkpoint: write the next generation's segments and log, swap the manifest, retire the old generation.</content>
internal sealed partial class CollectionStore
{
    /// <summary>
    /// Folds every write since the last checkpoint into a new generation of mapped segments:
    /// writes and fsyncs the segments and an empty log, atomically replaces the manifest, then
    /// maps the new generation and deletes the old files. Does nothing when nothing was written.
    /// </summary>
    /// <remarks>
    /// A crash at any point leaves either the old generation with its full log or the new one;
    /// files of an unfinished checkpoint are deleted at the next read-write open. Readers in this
    /// process continue during the writing and switch atomically; readers in other processes keep
    /// their mapping of the old generation until they reopen.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The store is read-only.</exception>
    /// <exception cref="CorruptIndexException">A region of the current generation failed its checksum while being copied; nothing changed.</exception>
    /// <exception cref="IOException">Writing failed; the current generation and log stay in use.</exception>
    public void Checkpoint()
    {
        lock (_writeGate)
        {
            ThrowIfDisposed();
            ThrowIfReadOnly();
            CheckpointCore();
        }
    }

    private void CheckpointCore()
    {
        if (_rowCount == _base.RowCount && _log!.LastSequence == _base.Manifest.LastSequence && !_graphSourcesChanged)
        {
            return;
        }


        long generation = _base.Manifest.Generation + 1;
        var created = new List<string>();
        WriteAheadLog? newLog = null;
        Manifest manifest;
        try
        {
            var files = new List<ManifestFile>(Spaces.Count + 2) { WriteItemsSegment(generation, created) };
            for (int s = 0; s < Spaces.Count; s++)
            {
                files.Add(WriteSpaceSegment(s, generation, created));
            }

            string logName = StorageFormat.LogFileName(generation);
            created.Add(Path.Combine(Directory, logName));
            newLog = WriteAheadLog.Create(Path.Combine(Directory, logName), generation, _log!.LastSequence);
            files.Add(new ManifestFile(ManifestFileRole.Log, 0, logName, 0, 0));
            manifest = new Manifest(generation, _log.LastSequence, _rowCount, _liveCount, Spaces, files);
            DurableFile.SyncDirectory(Directory);
            DurableFile.ReplaceAtomically(
                Path.Combine(Directory, StorageFormat.ManifestFileName),
                Path.Combine(Directory, StorageFormat.ManifestTempFileName),
                manifest.Serialize());
        }
        catch
        {
            newLog?.Dispose();
            DeleteQuietly(created);
            throw;
        }

        // The manifest now names the new generation: from here on it is the durable state.
        SwapTo(manifest, newLog);
        _graphSourcesChanged = false;
    }

    private void SwapTo(Manifest manifest, WriteAheadLog newLog)
    {
        CheckpointState next;
        try
        {
            next = CheckpointState.Open(Directory, manifest, verifyChecksums: false);
        }
        catch
        {
            newLog.Dispose();
            _rw.EnterWriteLock();
            _disposed = true;
            _rw.ExitWriteLock();
            _log!.Dispose();
            _base.Dispose();
            _lock!.Dispose();
            throw;
        }

        CheckpointState old = _base;
        WriteAheadLog oldLog = _log!;
        _rw.EnterWriteLock();
        try
        {
            _base = next;
            _log = newLog;
            _deltaKeys.Clear();
            _deltaAttributes.Clear();
            _keyOverrides.Clear();
            for (int s = 0; s < _deltaRows.Length; s++)
            {
                _deltaRows[s] = new DeltaRows(Spaces[s].Dimension);
            }

            old.Dispose();
        }
        finally
        {
            _rw.ExitWriteLock();
        }

        oldLog.Dispose();
        var obsolete = new List<string>();
        foreach (ManifestFile file in old.Manifest.Files)
        {
            obsolete.Add(Path.Combine(Directory, file.Name));
        }

        DeleteQuietly(obsolete);
    }

    /// <summary>Deletes files this library owns that the manifest does not name (an unfinished checkpoint's, a stale temp manifest).</summary>
    private static void DeleteUnreferenced(string directory, Manifest manifest)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (ManifestFile file in manifest.Files)
        {
            named.Add(file.Name);
        }

        var stale = new List<string>();
        foreach (string path in System.IO.Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            if (StorageFormat.IsOwnedFileName(name) && !named.Contains(name))
            {
                stale.Add(path);
            }
        }

        DeleteQuietly(stale);
    }

    private static void DeleteQuietly(List<string> paths)
    {
        foreach (string path in paths)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still mapped elsewhere (Windows) or not ours to delete: the next writer open retries.
            }
        }
    }
}
