package sa.navaia.dialer.config;

/** The database every process of the dialer shares: MySQL in production, an embedded H2 file by default. */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    public boolean isMySql() {
        return url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }
}
