using Topo.Linux.Execute;
using Topo.Linux.Sysctl;

namespace Topo.Linux.RunState;

/// <summary>
/// Who holds a host sysctl, and what it was before any lab changed it. Labs share the host's keys:
/// <c>STATE/_sysctl/KEY</c> keeps the value the first lab to change the key found (never overwritten),
/// and <c>STATE/LAB/sysctl/KEY</c> says that the lab wants the key. The old value is put back only when the
/// last lab that holds the key lets go of it, so one lab's <c>down</c> never pulls a key from under another.
/// Changes to the records are made under one lock for all labs, as two labs may run at once.
/// </summary>
internal sealed class SysctlRecords(string stateDirectory, string lab)
{
    // '_' starts no lab name: neither the shared directory nor its lock can be a lab's.
    private const string Shared = "_sysctl";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly string _labDirectory = Path.Combine(stateDirectory, lab);
    private readonly string _claims = Path.Combine(stateDirectory, lab, "sysctl");
    private readonly string _shared = Path.Combine(stateDirectory, Shared);

    /// <summary>Whether this lab holds the key.</summary>
    public bool Has(string key) => File.Exists(ClaimOf(key));

    /// <summary>The keys this lab holds, in order.</summary>
    public IReadOnlyList<string> Keys() =>
        Directory.Exists(_claims)
            ? Directory.EnumerateFiles(_claims).Select(Path.GetFileName).OfType<string>().Where(SysctlKey.IsValid).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Before this lab changes the key: keeps <paramref name="found"/> unless a lab kept a value already, and holds the key.</summary>
    public void RecordOnce(string key, string found)
    {
        using var held = Lock();
        WriteOnce(SharedOf(key), found);
        WriteOnce(ClaimOf(key), "");
    }

    /// <summary>After an apply: the lab holds every key it wants, also one it found as it wanted and did not change.</summary>
    public void Hold(IEnumerable<string> keys)
    {
        var missing = keys.Where(k => !Has(k)).ToList();
        if (missing.Count == 0) return;
        using var held = Lock();
        foreach (var key in missing) WriteOnce(ClaimOf(key), "");
    }

    /// <summary>
    /// Lets go of the key; when no other lab holds it, puts back the value kept (<paramref name="restore"/>)
    /// and forgets it. The directories go once empty.
    /// </summary>
    public void Release(string key, Action<string> restore)
    {
        using (Lock())
        {
            var claim = ClaimOf(key);
            // A record of topo before the records were shared holds the old value itself.
            var own = File.Exists(claim) ? File.ReadAllText(claim) : "";
            var shared = SharedOf(key);
            if (own.Length != 0) WriteOnce(shared, own);
            File.Delete(claim);
            if (!HeldByAnotherLab(key) && File.Exists(shared))
            {
                restore(File.ReadAllText(shared));
                File.Delete(shared);
            }

            EmptyDirectory.Remove(_shared);
        }

        EmptyDirectory.Remove(_claims);
        EmptyDirectory.Remove(_labDirectory);
    }

    private bool HeldByAnotherLab(string key) =>
        Directory.EnumerateDirectories(stateDirectory)
            .Where(d => !string.Equals(d, _labDirectory, StringComparison.Ordinal))
            .Any(d => File.Exists(Path.Combine(d, "sysctl", key)));

    private LabLock Lock() => LabLock.Acquire(stateDirectory, Shared, LockTimeout);

    // Written aside, then linked into place without replacing: a crash leaves either no file or a whole one.
    private static void WriteOnce(string path, string value)
    {
        if (File.Exists(path)) return;
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var aside = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():n}");
        try
        {
            using (var file = new FileStream(aside, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(System.Text.Encoding.UTF8.GetBytes(value));
                file.Flush(flushToDisk: true);
            }

            File.Move(aside, path, overwrite: false);
        }
        finally
        {
            File.Delete(aside);
        }
    }

    private string ClaimOf(string key) => Path.Combine(_claims, Checked(key));

    private string SharedOf(string key) => Path.Combine(_shared, Checked(key));

    private static string Checked(string key) =>
        SysctlKey.IsValid(key) ? key : throw new ArgumentException($"'{key}' is not a network sysctl key", nameof(key));
}
