<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppOptions</name>
    <message>
        <source>NOC Console: topology, live alarms and trouble tickets, online and offline.

Commands:
  sync   fill the cache from the server and exit (use with --once)</source>
        <translation>NOC 控制台：拓扑、实时告警与故障工单，在线离线均可使用。

命令：
  sync   从服务器同步数据到缓存后退出（与 --once 一起使用）</translation>
    </message>
</context>
<context>
    <name>noc::AboutDialog</name>
    <message>
        <source>About NOC Console</source>
        <translation>关于 NOC 控制台</translation>
    </message>
    <message>
        <source>NOC Console</source>
        <translation>NOC 控制台</translation>
    </message>
    <message>
        <source>Topology, live alarms and trouble tickets for network operations, online and offline.</source>
        <translation>面向网络运维的拓扑、实时告警与故障工单，在线离线均可使用。</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>构建组件：</translation>
    </message>
</context>
<context>
    <name>noc::MainWindow</name>
    <message>
        <source>NOC Console</source>
        <translation>NOC 控制台</translation>
    </message>
    <message>
        <source>No topology yet</source>
        <translation>尚无拓扑</translation>
    </message>
    <message>
        <source>The network map appears here once the cache holds network elements. Connect to an operations server, or start the console with --demo.</source>
        <translation>本地缓存中有网元后，网络拓扑图将显示在此处。请连接运维服务器，或使用 --demo 启动控制台。</translation>
    </message>
    <message>
        <source>No alarms in the cache</source>
        <translation>缓存中没有告警</translation>
    </message>
    <message>
        <source>Alarms appear here after the first sync with the operations server.</source>
        <translation>与运维服务器首次同步后，告警将显示在此处。</translation>
    </message>
    <message>
        <source>No trouble tickets in the cache</source>
        <translation>缓存中没有故障工单</translation>
    </message>
    <message>
        <source>Ticket queues appear here after the first sync.</source>
        <translation>首次同步后，工单队列将显示在此处。</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选择任何对象</translation>
    </message>
    <message>
        <source>Select an alarm, a ticket or a network element to see its details.</source>
        <translation>选择告警、工单或网元以查看详情。</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Alarms</source>
        <translation>告警(&amp;A)</translation>
    </message>
    <message>
        <source>No alarm actions until alarms are loaded</source>
        <translation>告警加载后才可执行告警操作</translation>
    </message>
    <message>
        <source>&amp;Tickets</source>
        <translation>工单(&amp;T)</translation>
    </message>
    <message>
        <source>No ticket actions until tickets are loaded</source>
        <translation>工单加载后才可执行工单操作</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About NOC Console</source>
        <translation>关于 NOC 控制台(&amp;A)</translation>
    </message>
    <message>
        <source>Offline · not connected</source>
        <translation>离线 · 未连接</translation>
    </message>
    <message>
        <source>No connection profile is active; the console shows the local cache.</source>
        <translation>没有启用的连接配置；控制台显示本地缓存数据。</translation>
    </message>
</context>
<context>
    <name>noc::TopologyMapWidget</name>
    <message>
        <source>Cannot read the map data: %1</source>
        <translation>无法读取拓扑数据：%1</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全图</translation>
    </message>
    <message>
        <source>Show the whole network (Home)</source>
        <translation>显示整个网络（Home）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>布局：</translation>
    </message>
    <message>
        <source>Geographic</source>
        <translation>地理布局</translation>
    </message>
    <message>
        <source>Force-directed</source>
        <translation>力导向布局</translation>
    </message>
    <message>
        <source>Layered</source>
        <translation>分层布局</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Find an element or site by name or IP (Ctrl+F)</source>
        <translation>按名称或 IP 查找网元或站点（Ctrl+F）</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>导出 SVG…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Element or site name, ID or IP address</source>
        <translation>网元或站点名称、ID 或 IP 地址</translation>
    </message>
    <message numerus="yes">
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n 个网元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s)</source>
        <translation>
            <numerusform>%n 条链路</numerusform>
        </translation>
    </message>
    <message>
        <source>No topology loaded</source>
        <translation>未加载拓扑</translation>
    </message>
    <message>
        <source>Loading the network…</source>
        <translation>正在加载网络…</translation>
    </message>
    <message numerus="yes">
        <source>Data as of %1 — offline %n min</source>
        <translation>
            <numerusform>数据截至 %1 — 已离线 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Data as of %1 — not updated for %n min</source>
        <translation>
            <numerusform>数据截至 %1 — 已 %n 分钟未更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n inventory issue(s)</source>
        <translation>
            <numerusform>%n 个资源数据问题</numerusform>
        </translation>
    </message>
    <message>
        <source>Inventory the map could not use as given</source>
        <translation>拓扑图无法直接使用的资源数据</translation>
    </message>
    <message>
        <source>Links to unknown elements: %1</source>
        <translation>指向未知网元的链路：%1</translation>
    </message>
    <message>
        <source>Links from an element to itself: %1</source>
        <translation>自环链路：%1</translation>
    </message>
    <message>
        <source>Elements without a site (grouped apart): %1</source>
        <translation>无站点的网元（单独分组）：%1</translation>
    </message>
    <message>
        <source>Sites without coordinates (placed near their links): %1</source>
        <translation>无坐标的站点（按连接关系放置）：%1</translation>
    </message>
    <message>
        <source>Duplicate IDs (first one used): %1</source>
        <translation>重复 ID（采用第一个）：%1</translation>
    </message>
    <message>
        <source>Inventory issues</source>
        <translation>资源数据问题</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %n element(s)…</source>
        <translation>
            <numerusform>正在布局 %n 个网元…</numerusform>
        </translation>
    </message>
    <message>
        <source>No match</source>
        <translation>无匹配结果</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>Site %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <source>Topology map</source>
        <translation>拓扑图</translation>
    </message>
    <message>
        <source>Export map as PNG</source>
        <translation>将拓扑图导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export map as SVG</source>
        <translation>将拓扑图导出为 SVG</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Print map</source>
        <translation>打印拓扑图</translation>
    </message>
</context>
<context>
    <name>noc::TopologyScene</name>
    <message>
        <source>Elements without a site</source>
        <translation>无站点网元</translation>
    </message>
    <message>
        <source>No region</source>
        <translation>无区域</translation>
    </message>
</context>
</TS>
