using Topo.Core.State;
using Topo.Core.Trace;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Nftables;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Trace;

/// <summary>
/// What a trace holds in one namespace while the probe runs: a short-lived nft table of topo's own
/// that marks the probe for tracing (<c>meta nftrace set 1</c>, before conntrack and NAT) and has an
/// empty chain late in every other hook, so each hook the probe passes reports it; and a socket on
/// the NFNLGRP_NFTRACE group that hears the events. The table carries nft's <c>owner</c> flag: the
/// kernel removes it when the context's socket closes, so a trace killed midway leaves nothing.
/// </summary>
internal sealed class TraceNamespace : IDisposable
{
    private readonly NftLibrary _library;
    private readonly NftContext _nft;
    private readonly NetlinkSocket _events;
    private readonly string _table;
    private RtnlClient? _rtnl;

    private TraceNamespace(Netns ns, NamespaceThread thread, NftLibrary library, NftContext nft, NetlinkSocket events, string table)
    {
        Ns = ns;
        Thread = thread;
        _library = library;
        _nft = nft;
        _events = events;
        _table = table;
    }

    public Netns Ns { get; }

    public NamespaceThread Thread { get; }

    public RtnlClient Rtnl => _rtnl ??= RtnlClient.Open(Thread, Ns.Display);

    /// <summary>Listens first, then marks: no event of the probe can come before the socket hears.</summary>
    public static TraceNamespace Open(Netns ns, NamespaceThread thread, string match, string table)
    {
        var events = thread.Invoke(() => NetlinkSocket.Open(1u << (int)(NftTraceMessage.Group - 1), NetlinkProtocol.Netfilter));
        NftLibrary? library = null;
        try
        {
            library = NftLibrary.Load(NftLibrary.DefaultFile);
            var nft = new NftContext(library, thread);
            var opened = new TraceNamespace(ns, thread, library, nft, events, table);
            nft.RunText(Script(table, match), $"adding the trace table {table}");
            return opened;
        }
        catch
        {
            events.Dispose();
            library?.Dispose();
            throw;
        }
    }

    /// <summary>The table: marking in prerouting and output ahead of everything (-350: before raw and conntrack), listening last elsewhere.</summary>
    public static string Script(string table, string match) => $$"""
        table inet {{table}} {
          flags owner
          chain prerouting { type filter hook prerouting priority -350; policy accept; {{match}} meta nftrace set 1; }
          chain output { type filter hook output priority -350; policy accept; {{match}} meta nftrace set 1; }
          chain input { type filter hook input priority 500; policy accept; }
          chain forward { type filter hook forward priority 500; policy accept; }
          chain postrouting { type filter hook postrouting priority 500; policy accept; }
        }
        """;

    /// <summary>Every event queued for this namespace: the probe is over, so the socket is read until it is empty.</summary>
    public List<TraceEvent> Drain()
    {
        var found = new List<TraceEvent>();
        var buffer = new byte[65536];
        _events.SetTimeout(TimeSpan.FromMilliseconds(20));
        while (true)
        {
            int length;
            try
            {
                length = _events.Receive(buffer);
            }
            catch (KernelException e) when (e.Errno == Tmds.Linux.LibC.EAGAIN)
            {
                return found;
            }

            foreach (var message in NetlinkMessage.Read(buffer.AsSpan(0, length)))
                if (NftTraceMessage.Parse(Ns, message) is { } e) found.Add(e);
        }
    }

    /// <summary>A table's rules by handle, as nft lists them.</summary>
    public IReadOnlyDictionary<long, string> Rules(string family, string table) =>
        NftTextListing.RulesByHandle(_nft.RunText($"list table {family} {table}", $"listing nftables table {family} {table}"));

    public void Dispose()
    {
        try
        {
            _nft.RunText($"delete table inet {_table}", $"removing the trace table {_table}");
        }
        catch (KernelException)
        {
            // The owner flag removes it with the context's socket in any case.
        }

        _nft.Dispose();
        _library.Dispose();
        _events.Dispose();
        _rtnl?.Dispose();
    }
}
