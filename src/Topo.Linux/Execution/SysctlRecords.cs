using Topo.Linux.Sysctl;

namespace Topo.Linux.Execution;

/// <summary>
/// The host sysctl values a lab found before it first changed them, one file per key under
/// <c>STATE/LAB/sysctl/KEY</c>, so that <c>down</c> can put them back. The first value is the one
/// to restore: a record is never overwritten, only removed once restored.
/// </summary>
internal sealed class SysctlRecords(string stateDirectory, string lab)
{
    private readonly string _directory = Path.Combine(stateDirectory, lab, "sysctl");

    public bool Has(string key) => File.Exists(PathOf(key));

    /// <summary>The recorded value, or null when the lab never changed the key.</summary>
    public string? Previous(string key) => Has(key) ? File.ReadAllText(PathOf(key)) : null;

    /// <summary>The keys that have a record, in order.</summary>
    public IReadOnlyList<string> Keys() =>
        System.IO.Directory.Exists(_directory)
            ? System.IO.Directory.EnumerateFiles(_directory).Select(Path.GetFileName).OfType<string>().Where(SysctlKey.IsValid).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Records <paramref name="value"/> unless a record is there already.</summary>
    public void RecordOnce(string key, string value)
    {
        var path = PathOf(key);
        if (File.Exists(path)) return;
        System.IO.Directory.CreateDirectory(_directory);
        // Written aside, then linked into place without replacing: a crash leaves either no record or a whole one.
        var aside = Path.Combine(_directory, $".{key}.{Guid.NewGuid():n}");
        try
        {
            using (var file = new FileStream(aside, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(System.Text.Encoding.UTF8.GetBytes(value));
                file.Flush(flushToDisk: true);
            }

            File.Move(aside, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Someone recorded it first: theirs is the earlier value.
        }
        finally
        {
            File.Delete(aside);
        }
    }

    /// <summary>Removes the record, and the lab's directories once they are empty.</summary>
    public void Forget(string key)
    {
        File.Delete(PathOf(key));
        EmptyDirectory.Remove(_directory);
        EmptyDirectory.Remove(Path.GetDirectoryName(_directory)!);
    }

    private string PathOf(string key) =>
        SysctlKey.IsValid(key) ? Path.Combine(_directory, key) : throw new ArgumentException($"'{key}' is not a network sysctl key", nameof(key));
}
