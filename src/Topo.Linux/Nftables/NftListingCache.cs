using System.Globalization;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Nftables;

/// <summary>
/// The last JSON listing of the lab's table in the host, kept under <c>/run/topo/LAB/</c> with the
/// <see cref="NftGeneration"/> it was read at. libnftables takes ~10 ms to list a table of a few
/// hundred rules; asking the generation takes one small request. The kernel raises the generation
/// with every change to any table in the namespace, so a listing kept at the generation the kernel
/// still reports is what a new listing would say: the kernel stays the state, this only spares
/// reading it twice. A listing is kept only with the generation asked for before it was made, so a
/// change in between makes it stale, never wrong.
/// </summary>
internal sealed class NftListingCache(string stateDirectory, string lab)
{
    private readonly string _file = Path.Combine(stateDirectory, lab, "nft-host.json");

    /// <summary>
    /// The table in the host (the namespace of <paramref name="thread"/>, where <paramref name="nft"/>
    /// opens a libnftables context, only if needed), or null when there is none: from the kept listing
    /// when the ruleset has not moved since, else listed anew and kept.
    /// </summary>
    public Topo.Core.State.NftTableResource? Read(NamespaceThread thread, Func<NftTables> nft, string table)
    {
        var now = thread.Invoke(NftGeneration.Current);
        if (Kept(now) is { } json) return NftTables.Parse(Topo.Core.State.Netns.Host, table, json, nft);
        json = nft().ListJson(table);
        if (json is null)
        {
            Forget();
            return null;
        }

        Keep(now, json);
        return nft().Parse(table, json);
    }

    public void Forget()
    {
        if (File.Exists(_file)) File.Delete(_file);
    }

    private string? Kept(NftGeneration now)
    {
        try
        {
            var text = File.ReadAllText(_file);
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline > 0 && text[..newline] == Header(now) ? text[(newline + 1)..] : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    // Written aside and renamed into place: a reader sees a whole listing or the one before.
    private void Keep(NftGeneration at, string json)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var aside = $"{_file}.{Guid.NewGuid():n}";
        File.WriteAllText(aside, Header(at) + "\n" + json);
        File.Move(aside, _file, overwrite: true);
    }

    private static string Header(NftGeneration at) =>
        string.Create(CultureInfo.InvariantCulture, $"netns-cookie {at.Namespace} generation {at.Generation}");
}
