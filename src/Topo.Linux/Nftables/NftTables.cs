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
    /// Makes the table, marked as its lab's (<c>topo-LAB</c> is lab LAB's), unless it is there, then
    /// replaces all that it holds, atomically, with exactly these rules. A crash between the two leaves
    /// the lab's marked table empty, which the next apply fills.
    /// </summary>
    /// <exception cref="ArgumentException">The table is another namespace's, is not named for a lab, or a rule has a value nft would refuse.</exception>
    public void Apply(NftTableResource table)
    {
        if (table.Ns != Ns) throw new ArgumentException($"table {table.Table} is for namespace '{table.Ns.Display}', not '{Ns.Display}'");
        var lab = NftTableResource.LabOf(table.Table) ?? throw new ArgumentException($"'{table.Table}' is not an nftables table name topo uses (topo-LAB)");
        NftCommands.CheckTableName(table.Table);
        // Written first: a value nft would refuse is refused before the kernel sees anything.
        var fill = NftCommands.Fill(table);
        var listing = Make(table.Table, lab) ? null : ListJson(table.Table);
        _context.RunJson(NftCommands.Replace(table.Table, fill, listing), $"applying nftables table {table.Table}");
    }

    /// <summary>The table as the kernel holds it, its owner the lab its mark names, or null when there is none.</summary>
    public NftTableResource? Read(string table) =>
        Lookup(table) is { } found && ListJson(table) is { } json ? Parse(table, json) with { Owner = found.Owner } : null;

    /// <summary>Whether the table is there and whose mark it carries, asked over nfnetlink; null when there is none.</summary>
    public NftTableFound? Lookup(string table) => NftTableLookup.Find(Socket, Ns.Display, table);

    /// <summary>libnftables' JSON listing of the table, or null when there is none.</summary>
    public string? ListJson(string table)
    {
        NftCommands.CheckTableName(table);
        try
        {
            return _context.RunJson(NftCommands.List(table), $"reading nftables table {table}");
        }
        catch (KernelException) when (!Exists(table))
        {
            return null;
        }
    }

    /// <summary>The table in a JSON listing of it (<see cref="ListJson"/>); rules topo did not write are listed again as text, live.</summary>
    public NftTableResource Parse(string table, string json) => Parse(Ns, table, json, () => this);

    /// <summary>As <see cref="Parse(string, string)"/>, opening a context (<paramref name="live"/>) only if a rule topo did not write needs listing.</summary>
    public static NftTableResource Parse(Netns ns, string table, string json, Func<NftTables> live) =>
        NftTableReader.Parse(json, ns, table, () =>
        {
            var nft = live();
            return NftTextListing.RulesByHandle(nft._context.RunText(NftCommands.ListText(table), $"listing nftables table {table}"));
        });

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

    // libnftables gives no errno, only text: whether the table is there is asked, not guessed from words.
    private bool Exists(string table) => Lookup(table) is not null;

    /// <summary>Makes the table with the lab's mark in its user data; false when a table of that name is there already.</summary>
    private bool Make(string table, string lab)
    {
        var context = $"making nftables table {table} in namespace '{Ns.Display}'";
        var answer = NftTableRequest.Send(Socket, Nfnl.NewTable, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, table, NftTableMark.UserData(lab), context);
        if (answer.IsAck) return true;
        if (answer.Errno == Errors.EEXIST) return false;
        throw new KernelException(context, answer.Errno, answer.Text);
    }
}
