using System.Globalization;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.Read;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;
using Topo.Core.Kinds;

namespace Topo.Linux.RunState;

/// <summary>
/// The last JSON listing of the lab's table in the host, kept under <c>/run/topo/LAB/</c> with the
/// <see cref="NftGeneration"/> it was read at. libnftables takes ~10 ms to list a table of a few
/// hundred rules; asking the generation takes one small request. The kernel raises the generation
/// with every change to any table in the namespace, so a listing kept at the generation the kernel
/// still reports is what a new listing would say: the kernel stays the state, this only spares
/// reading it twice. A listing is kept only with the generation asked for before it was made, so a
/// change in between makes it stale, never wrong. The boot is part of the key as well: cookies and
/// generations start again from the same numbers after a reboot, should the state directory outlive one.
/// </summary>
internal sealed class NftListingCache(string stateDirectory, string lab)
{
    private readonly string _directory = Path.Combine(stateDirectory, lab);

    private readonly Lazy<string> _boot = new(() => File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim());

    private string FilePath => Path.Combine(_directory, "nft-host.json");

    /// <summary>
    /// The table in the host (the namespace of <paramref name="thread"/>, where <paramref name="nft"/>
    /// opens a libnftables context, only if needed), its owner the lab its mark names, or null when
    /// there is none: from the kept listing when the ruleset has not moved since, else listed anew and
    /// kept. Whether it is there is asked over nfnetlink, so that a lab without rules needs no libnftables.
    /// </summary>
    public NftTableResource? Read(NamespaceThread thread, Func<NftTables> nft, string table)
    {
        var (now, found) = thread.Invoke(() => (NftGeneration.Current(), NftTableLookup.Find(Netns.Host.Display, table)));
        var json = found is null ? null : Kept(now);
        if (found is not null && json is null && (json = nft().ListJson(table)) is not null) Keep(now, json);
        if (found is null || json is null)
        {
            Forget();
            return null;
        }

        return NftTables.Parse(Netns.Host, table, json, nft) with { Owner = found.Owner };
    }

    /// <summary>Removes the kept listing, and the lab's state directory when nothing else is left in it.</summary>
    public void Forget()
    {
        if (File.Exists(FilePath)) File.Delete(FilePath);
        EmptyDirectory.Remove(_directory);
    }

    private string? Kept(NftGeneration now)
    {
        try
        {
            var text = File.ReadAllText(FilePath);
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
        Directory.CreateDirectory(_directory);
        var aside = $"{FilePath}.{Guid.NewGuid():n}";
        File.WriteAllText(aside, Header(at) + "\n" + json);
        File.Move(aside, FilePath, overwrite: true);
    }

    private string Header(NftGeneration at) =>
        string.Create(CultureInfo.InvariantCulture, $"boot {_boot.Value} netns-cookie {at.Namespace} generation {at.Generation}");
}
