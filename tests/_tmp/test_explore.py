def test_x(home_page, resource_index, client):
    print(home_page.url, resource_index.url, home_page.get_url())
    r = client.get("/en/")
    print(r.status_code, r.content[:300])
