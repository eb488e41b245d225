using System.Text.Json;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Nftables;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Nftables;

public sealed class NftTablesTests
{
    private const string Table = "topo-lab";

    private static readonly NftRule[] EveryForm =
    [
        new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.1.0.2", 80),
        new DnatRule(NftChain.Prerouting, "udp", "192.168.50.1", 5353, "10.1.0.3", 53),
        new DnatRule(NftChain.Output, "tcp", null, 8080, "10.1.0.2", 80),
        new DnatRule(NftChain.Output, "udp", "192.168.50.1", 5353, "10.1.0.3", 53),
        new IsolationRule("brA", "brB"),
        new IsolationRule("brB", "brA"),
        new MasqueradeRule("10.1.0.0/24"),
        new HairpinMasqueradeRule("10.1.0.0/24"),
        new MasqueradeRule("10.9.9.9/32"),
    ];

    [KernelFact]
    public void What_is_applied_reads_back_as_the_same_records_in_the_same_order()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);

        nft.Apply(new NftTableResource(Netns.Host, Table, [.. EveryForm]));
        var read = nft.Read(Table);

        Assert.NotNull(read);
        Assert.Equal(EveryForm, read.Rules);
        Assert.Equal(Netns.Host, read.Ns);
        Assert.Equal("lab", read.Owner);
        Assert.Equal(new NftTableResource(Netns.Host, Table, [.. EveryForm]).RulesText, read.RulesText);
    }

    [KernelFact]
    public void The_kernel_holds_the_chains_and_rules_as_nft_shows_them()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);

        nft.Apply(new NftTableResource(Netns.Host, Table, [.. EveryForm]));

        using var listing = JsonDocument.Parse(sandbox.Witness("nft", "-j", "list", "table", "ip", Table));
        var chains = listing.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(i => i.TryGetProperty("chain", out _)).Select(i => i.GetProperty("chain"))
            .Select(c => $"{c.GetProperty("name")} {c.GetProperty("type")} {c.GetProperty("hook")} {c.GetProperty("prio")} {c.GetProperty("policy")}");
        Assert.Equal(
            ["prerouting nat prerouting -100 accept", "output nat output -100 accept", "forward filter forward 0 accept", "postrouting nat postrouting 100 accept"],
            chains);
        var text = sandbox.Witness("nft", "list", "table", "ip", Table);
        foreach (var rule in EveryForm) Assert.Contains(rule.Text.Replace("10.9.9.9/32", "10.9.9.9"), text);
    }

    [KernelFact]
    public void Only_chains_with_rules_are_made()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);

        nft.Apply(new NftTableResource(Netns.Host, Table, [new IsolationRule("brA", "brB")]));

        var text = sandbox.Witness("nft", "list", "table", "ip", Table);
        Assert.Contains("chain forward", text);
        Assert.DoesNotContain("nat", text);
    }

    [KernelFact]
    public void Applying_again_replaces_the_whole_table()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        nft.Apply(new NftTableResource(Netns.Host, Table, [.. EveryForm]));

        NftRule[] next = [new MasqueradeRule("172.17.0.0/16")];
        nft.Apply(new NftTableResource(Netns.Host, Table, [.. next]));

        Assert.Equal(next, nft.Read(Table)!.Rules);
        Assert.DoesNotContain("prerouting", sandbox.Witness("nft", "list", "table", "ip", Table));
    }

    [KernelFact]
    public void Rules_are_read_back_in_chain_order()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        NftRule[] mixed = [new MasqueradeRule("10.1.0.0/24"), new IsolationRule("a", "b"), new DnatRule(NftChain.Prerouting, "tcp", null, 1, "10.1.0.2", 2)];

        nft.Apply(new NftTableResource(Netns.Host, Table, [.. mixed]));

        Assert.Equal(mixed.OrderBy(r => r.Chain), nft.Read(Table)!.Rules);
    }

    [KernelFact]
    public void The_table_is_marked_as_its_labs_and_a_table_of_that_name_made_by_hand_is_no_ones()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        sandbox.Witness("nft", "add", "table", "ip", "topo-other");

        nft.Apply(new NftTableResource(Netns.Host, Table, [new MasqueradeRule("10.1.0.0/24")]));
        nft.Apply(new NftTableResource(Netns.Host, Table, [new IsolationRule("brA", "brB")]));

        Assert.Contains("comment \"topo:lab\"", sandbox.Witness("nft", "list", "table", "ip", Table));
        Assert.Equal(new NftTableFound("lab"), nft.Lookup(Table));
        Assert.Equal("lab", nft.Read(Table)!.Owner);
        Assert.Equal(new NftTableFound(null), nft.Lookup("topo-other"));
        Assert.Null(nft.Read("topo-other")!.Owner);
        Assert.Null(nft.Lookup("topo-none"));
    }

    [KernelFact]
    public void An_absent_table_reads_as_null_and_deleting_it_says_false()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);

        Assert.Null(nft.Read(Table));
        using var deleter = new NftTableDeleter(sandbox.Host);
        Assert.False(deleter.Delete(Table));
    }

    [KernelFact]
    public void Delete_removes_the_table_and_leaves_other_tables_alone()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        sandbox.Witness("nft", "add", "table", "ip", "someone-else");
        // The same name in another family is another table.
        sandbox.Witness("nft", "add", "table", "inet", Table);
        nft.Apply(new NftTableResource(Netns.Host, Table, [.. EveryForm]));
        var ipTopoTables = sandbox.Witness("nft", "list", "tables", "ip").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')[^1]).Where(n => n.StartsWith("topo-", StringComparison.Ordinal));
        Assert.Equal([Table], ipTopoTables);

        using (var deleter = new NftTableDeleter(sandbox.Host)) Assert.True(deleter.Delete(Table));

        Assert.Null(nft.Read(Table));
        var tables = sandbox.Witness("nft", "list", "tables");
        Assert.DoesNotContain($"table ip {Table}", tables);
        Assert.Contains("table ip someone-else", tables);
        Assert.Contains($"table inet {Table}", tables);
    }

    [KernelFact]
    public void Hand_made_changes_in_the_table_read_back_as_foreign_rules()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        nft.Apply(new NftTableResource(Netns.Host, Table, [new MasqueradeRule("10.1.0.0/24"), new IsolationRule("brA", "brB")]));

        sandbox.Witness("nft", "add", "rule", "ip", Table, "postrouting", "ip", "saddr", "10.1.0.0/24", "counter", "masquerade");
        sandbox.Witness("nft", "add", "rule", "ip", Table, "forward", "iifname", "brA", "drop", "comment", "\"mine\"");
        sandbox.Witness("nft", "add", "chain", "ip", Table, "extra");
        sandbox.Witness("nft", "add", "rule", "ip", Table, "extra", "tcp", "dport", "22", "drop");
        sandbox.Witness("nft", "chain", "ip", Table, "forward", "{", "policy", "drop", ";", "}");

        var read = nft.Read(Table)!;

        Assert.Equal(
            [
                "forward: chain { type filter hook forward priority 0; policy drop; }",
                "forward: iifname \"brA\" oifname \"brB\" drop",
                "forward: iifname \"brA\" drop comment \"mine\"",
                "postrouting: ip saddr 10.1.0.0/24 ip daddr != 10.1.0.0/24 masquerade",
                "postrouting: ip saddr 10.1.0.0/24 counter masquerade",
                "postrouting: (in chain extra) chain (no hook)",
                "postrouting: (in chain extra) tcp dport 22 drop",
            ],
            read.RulesText.Split('\n'));
        Assert.Equal([new IsolationRule("brA", "brB"), new MasqueradeRule("10.1.0.0/24")], read.Rules.Where(r => r is not ForeignNftRule));
    }

    [KernelFact]
    public void A_bad_value_is_refused_before_the_kernel_sees_the_batch()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        nft.Apply(new NftTableResource(Netns.Host, Table, [new MasqueradeRule("10.1.0.0/24")]));

        var e = Assert.Throws<ArgumentException>(() =>
            nft.Apply(new NftTableResource(Netns.Host, Table, [new IsolationRule("a", "b"), new MasqueradeRule("10.1.0.5/24")])));

        Assert.Contains("10.1.0.5/24", e.Message);
        Assert.Equal<NftRule>([new MasqueradeRule("10.1.0.0/24")], nft.Read(Table)!.Rules.ToArray());
        Assert.Throws<ArgumentException>(() => nft.Apply(new NftTableResource(Netns.Host, Table, [new DnatRule(NftChain.Output, "sctp", null, 1, "10.1.0.2", 2)])));
        Assert.Throws<ArgumentException>(() => nft.Apply(new NftTableResource(Netns.Host, Table, [new DnatRule(NftChain.Forward, "tcp", null, 1, "10.1.0.2", 2)])));
        Assert.Throws<ArgumentException>(() => nft.Apply(new NftTableResource(Netns.Host, Table, [new DnatRule(NftChain.Output, "tcp", null, 70000, "10.1.0.2", 2)])));
        Assert.Throws<ArgumentException>(() => nft.Apply(new NftTableResource(Netns.Host, "topo lab; flush ruleset", [])));
        Assert.Throws<ArgumentException>(() => nft.Apply(new NftTableResource("web", Table, [])));
    }

    [KernelFact]
    public void A_context_works_in_its_own_namespace_only()
    {
        using var sandbox = new KernelSandbox();
        var name = sandbox.Name("node");
        using var node = sandbox.Namespaces.Create(name);
        using var inNode = NftTables.Open(node, name);

        inNode.Apply(new NftTableResource(name, Table, [new MasqueradeRule("10.1.0.0/24")]));

        Assert.Contains(Table, KernelSandbox.Run("nsenter", $"--net=/run/netns/{name}", "--", "nft", "list", "tables"));
        Assert.DoesNotContain(Table, sandbox.Witness("nft", "list", "tables"));
        Assert.Equal(name, inNode.Read(Table)!.Ns);
    }

    [KernelFact]
    public void A_missing_library_is_named_with_its_package()
    {
        using var sandbox = new KernelSandbox();

        var e = Assert.Throws<KernelException>(() => NftTables.Open(sandbox.Host, Netns.Host, "libnftables-missing.so.1"));

        Assert.Equal("libnftables-missing.so.1 not found: install the Debian package libnftables1", e.Message);
    }
}
