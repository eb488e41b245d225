using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Core.Kinds;

namespace Topo.Linux.Nftables;

/// <summary>
/// The lab tables of one network namespace, through a libnftables context that lives on that
/// namespace's thread. Each change of rules is one libnftables batch, so the kernel applies it whole
/// or not at all; the table itself is made, and looked up with its mark, over nfnetlink.
/// </summary>
public sealed class NftTables : IDisposable
{
    private readonly NftLibrary _library;
    private readonly NftContext _context;
    private readonly NamespaceThread _thread;
    private NetlinkSocket? _socket;

    private NftTables(NftLibrary library, NftContext context, NamespaceThread thread, Netns ns)
    {
        _library = library;
        _context = context;
        _thread = thread;
        Ns = ns;
    }

    /// <summary>The namespace as resources name it (<see cref="Netns.Host"/> for the root).</summary>
    public Netns Ns { get; }

    /// <summary>Whether <paramref name="libraryFile"/> loads (the machine has libnftables).</summary>
    public static bool Loadable(string libraryFile)
    {
        if (!NativeLibrary.TryLoad(libraryFile, out var handle)) return false;
        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>Opens a context inside the namespace of <paramref name="thread"/>, which <paramref name="ns"/> names.</summary>
    /// <exception cref="KernelException">libnftables.so.1 is missing ("install the Debian package libnftables1").</exception>
    public static NftTables Open(NamespaceThread thread, Netns ns) => Open(thread, ns, NftLibrary.DefaultFile);

    /// <summary>As <see cref="Open(NamespaceThread, string)"/>, with the library file named (another soname, a test's missing one).</summary>
    public static NftTables Open(NamespaceThread thread, Netns ns, string libraryFile)
    {
        var library = NftLibrary.Load(libraryFile);
        try
        {
            return new NftTables(library, new NftContext(library, thread), thread, ns);
        }
        catch
        {
            library.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes the table, marked as its lab's (<c>topo-LAB</c> is lab LAB's), unless it is there, and its
    /// <c>ip6</c> twin when a rule is IPv6's, then replaces all that they hold, atomically, with exactly
    /// these rules, deleting an <c>ip6</c> twin no rule needs any more in the same transaction. A crash
    /// between the two leaves the lab's marked tables empty, which the next apply fills.
    /// </summary>
    /// <exception cref="ArgumentException">The table is another namespace's, is not named for a lab, or a rule has a value nft would refuse.</exception>
    /// <exception cref="KernelException">An <c>ip6</c> table of that name is there without the lab's mark.</exception>
    public void Apply(NftTableResource table)
    {
        if (table.Ns != Ns) throw new ArgumentException($"table {table.Table} is for namespace '{table.Ns.Display}', not '{Ns.Display}'");
        var lab = NftTableResource.LabOf(table.Table) ?? throw new ArgumentException($"'{table.Table}' is not an nftables table name topo uses (topo-LAB)");
        NftCommands.CheckTableName(table.Table);
        // Written first: a value nft would refuse is refused before the kernel sees anything.
        var fill = NftCommands.Fill(table);
        var madeIp = Make(table.Table, lab, NftFamily.Ip);
        var ip6 = Lookup(table.Table, NftFamily.Ip6);
        if (ip6 is { } held && held.Owner != lab)
            throw new KernelException($"applying nftables table {table.Table}", Errors.EEXIST, $"table ip6 {table.Table} is there without lab {lab}'s mark (comment \"{Ownership.Mark(lab)}\"): topo changes no table it did not make");
        var madeIp6 = table.HasIp6 && ip6 is null && Make(table.Table, lab, NftFamily.Ip6);
        var listing = madeIp ? null : ListJson(table.Table, NftFamily.Ip);
        // The twin's listing is needed only when it was there before: its content goes, or it does.
        if (ip6 is not null && !madeIp6) listing = listing is null ? ListJson(table.Table, NftFamily.Ip6) : NftCommands.Merge(listing, ListJson(table.Table, NftFamily.Ip6));
        _context.RunJson(NftCommands.Replace(table.Table, fill, listing, dropIp6: ip6 is not null && !table.HasIp6), $"applying nftables table {table.Table}");
    }

    /// <summary>The table as the kernel holds it, its owner the lab its mark names, or null when there is none.</summary>
    public NftTableResource? Read(string table) =>
        Lookup(table) is { } found && ListJson(table) is { } json ? Parse(table, json) with { Owner = found.Owner } : null;

    /// <summary>Whether the table is there and whose mark it carries, asked over nfnetlink; null when there is none.</summary>
    public NftTableFound? Lookup(string table, NftFamily family = NftFamily.Ip) => NftTableLookup.Find(Socket, Ns.Display, table, family);

    /// <summary>libnftables' JSON listing of the table with its <c>ip6</c> twin's when there is one, or null when there is no <c>ip</c> table.</summary>
    public string? ListJson(string table)
    {
        var ip = ListJson(table, NftFamily.Ip);
        return ip is null || Lookup(table, NftFamily.Ip6) is null ? ip : NftCommands.Merge(ip, ListJson(table, NftFamily.Ip6));
    }

    private string? ListJson(string table, NftFamily family)
    {
        NftCommands.CheckTableName(table);
        try
        {
            return _context.RunJson(NftCommands.List(table, family), $"reading nftables table {family.Keyword()} {table}");
        }
        catch (KernelException) when (Lookup(table, family) is null)
        {
            return null;
        }
    }

    /// <summary>The table in a JSON listing of it (<see cref="ListJson"/>); rules topo did not write are listed again as text, live.</summary>
    public NftTableResource Parse(string table, string json) => Parse(Ns, table, json, () => this);

    /// <summary>As <see cref="Parse(string, string)"/>, opening a context (<paramref name="live"/>) only if a rule topo did not write needs listing.</summary>
    public static NftTableResource Parse(Netns ns, string table, string json, Func<NftTables> live) =>
        NftTableReader.Parse(json, ns, table, family =>
            NftTextListing.RulesByHandle(live()._context.RunText(NftCommands.ListText(table, family), $"listing nftables table {family.Keyword()} {table}")));

    /// <summary>The rules of every table in the namespace that no lab made, for the export of namespaces built by hand.</summary>
    public ImmutableArray<HandMadeNftRule> HandMadeRules() =>
        NftRuleset.HandMade(
            _context.RunJson(NftCommands.ListRuleset(), "listing the nftables ruleset"),
            (family, table) => NftTextListing.RulesByHandle(_context.RunText($"list table {family} {table}", $"listing nftables table {family} {table}")));

    public void Dispose()
    {
        _socket?.Dispose();
        _context.Dispose();
        _library.Dispose();
    }

    // Opened on the namespace's thread, so that it is that namespace's.
    private NetlinkSocket Socket => _socket ??= _thread.Invoke(() => NetlinkSocket.Open(0, NetlinkProtocol.Netfilter));

    /// <summary>Makes the table with the lab's mark in its user data; false when a table of that name is there already.</summary>
    private bool Make(string table, string lab, NftFamily family)
    {
        var context = $"making nftables table {family.Keyword()} {table} in namespace '{Ns.Display}'";
        var answer = NftTableRequest.Send(Socket, Nfnl.NewTable, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, table, NftTableMark.UserData(lab), context, family);
        if (answer.IsAck) return true;
        if (answer.Errno == Errors.EEXIST) return false;
        throw new KernelException(context, answer.Errno, answer.Text);
    }
}
