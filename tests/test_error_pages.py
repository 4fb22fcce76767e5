"""Swedish error pages that keep the layout; the 500 page needs no database."""

import pytest
from django.test import RequestFactory

from hub.views import server_error


@pytest.mark.django_db
def test_an_unknown_page_is_a_swedish_404_in_the_hubs_layout(client, member):
    client.force_login(member)

    response = client.get("/finns-inte/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "Sidan finns inte" in page
    assert "Gå direkt till innehållet" in page
    assert "Tillgänglighetsredogörelse" in page


@pytest.mark.django_db
def test_a_page_the_role_does_not_allow_is_a_swedish_403_in_the_layout(client, member):
    client.force_login(member)

    response = client.get("/admin/login/")

    assert response.status_code == 403
    assert "Du har inte behörighet till den här sidan" in response.content.decode()


def test_the_500_page_renders_without_a_database():
    # No django_db mark: any query here would raise.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
